//! Import of a Frab schedule into a new forum edition (server only): the XML
//! that pretalx, frab and Plenum itself publish. [`parse`] (pure) reads the
//! whole file and checks it, collecting every problem with its line, so a
//! file is imported whole or not at all; [`import`] then stores, in one
//! transaction, the edition (its time zone and dates from the schedule), its
//! rooms, programme days and time slots, the tracks as themes, the event
//! types as session types, the sessions in their rooms and slots with their
//! people as speakers, and publishes release 1 without mail, so the public
//! programme and the exports show it at once.
//!
//! The file's people have no address; each is given one under the reserved
//! `.invalid` domain, made from the person's guid (or id, or name), so the
//! same person is one person across sessions, as the programme's conflict
//! checks and the speaker pages need, and no mail can ever reach anyone.

mod read;
mod store;

pub use read::*;
pub use store::*;
