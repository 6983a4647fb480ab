//! Tells the open floor pages of a session that its queue changed (server
//! only): one broadcast channel a session, made when the first page listens
//! and dropped when the last one leaves. Within one server process; the
//! pages also reload the queue when they reconnect.

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;
use uuid::Uuid;

#[derive(Default)]
pub struct FloorHub {
    channels: Mutex<HashMap<Uuid, broadcast::Sender<()>>>,
}

impl FloorHub {
    /// Listens to a session's changes.
    pub fn listen(&self, session: Uuid) -> broadcast::Receiver<()> {
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        channels
            .entry(session)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    /// The session's queue changed.
    pub fn changed(&self, session: Uuid) {
        let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = channels.get(&session) {
            if tx.send(()).is_err() {
                // Nobody listens any more.
                channels.remove(&session);
            }
        }
    }

    /// Sessions someone listens to (for tests).
    pub fn listened(&self) -> usize {
        self.channels
            .lock()
            .map(|c| c.values().filter(|tx| tx.receiver_count() > 0).count())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listeners_hear_their_sessions_changes_only() {
        let hub = FloorHub::default();
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let mut on_a = hub.listen(a);
        let mut on_b = hub.listen(b);
        hub.changed(a);
        assert!(on_a.recv().await.is_ok());
        assert!(on_b.try_recv().is_err());
        drop(on_a);
        hub.changed(a);
        assert_eq!(hub.listened(), 1);
        hub.changed(b);
        assert!(on_b.recv().await.is_ok());
    }
}
