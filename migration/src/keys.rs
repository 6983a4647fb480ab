//! Helpers shared by migrations written after this module (landed ones keep
//! their own copies: a landed migration is never edited).

use sea_orm_migration::prelude::*;

/// A foreign key whose rows go when the row they point at goes.
pub fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}
