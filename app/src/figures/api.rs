//! Server functions of the figures: thin, organisers only.

use super::FiguresPage;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::context::RequestCtx};

#[server(name = LoadFigures, prefix = "/api", endpoint = "figures/page")]
pub async fn figures_page(forum: String) -> Result<FiguresPage, AppError> {
    let ctx = RequestCtx::current()?;
    ctx.require_organiser(&forum)?;
    service::page(&ctx, &forum).await
}
