//! Server-sent events for open floor pages: a message at once (so a page
//! that reconnects fetches the queue), then one each time the session's
//! queue changes. The messages carry nothing but "changed": the page asks
//! for the queue through its server function, which checks who asks.

use crate::web::Web;
use app::context::RequestCtx;
use app::i18n::translate;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::stream::{self, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub fn routes() -> Router<Web> {
    Router::new().route(
        "/forums/{forum}/session/{session}/floor/events",
        get(floor_events),
    )
}

async fn floor_events(
    State(web): State<Web>,
    Path((forum, session)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = RequestCtx::from_parts(web.state.clone(), &parts);
    let id = match app::floor::service::listened(&ctx, &forum, &session).await {
        Ok(id) => id,
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (status, translate(ctx.locale, e.message_key())).into_response();
        }
    };
    let changes = web.state.floor.listen(id);
    let first = stream::once(async { Ok::<_, Infallible>(Event::default().data("ready")) });
    let later = stream::unfold(changes, |mut rx| async move {
        match rx.recv().await {
            // Missed messages say the same: it changed.
            Ok(()) | Err(RecvError::Lagged(_)) => Some((Ok(Event::default().data("changed")), rx)),
            Err(RecvError::Closed) => None,
        }
    });
    Sse::new(first.chain(later))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
