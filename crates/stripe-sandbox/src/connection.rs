//! The accept side of the server: accepts and counts connections, delays each new connection's
//! first read (standing in for a TLS handshake), closes a connection that takes too long to
//! send a request's head, and lets a handler drop its connection without answering (the
//! "committed, then the client never heard" fault).
//!
//! Served with hyper directly rather than `axum::serve`, which sets no timer and so cannot
//! time out a client that sends half a request and goes quiet. Connections run in a `JoinSet`
//! owned by the serving task, so stopping the sandbox (or dropping it) stops them too, and with
//! them every handle on the state file.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::Sleep;

/// How every connection is served.
#[derive(Clone)]
pub(crate) struct ConnectionSettings {
    pub(crate) accepted: Arc<AtomicU64>,
    pub(crate) delay: Duration,
    pub(crate) header_read_timeout: Option<Duration>,
}

/// Per-connection data handlers can reach: the switch that drops the connection.
#[derive(Clone, Debug)]
pub(crate) struct ConnectionHandle {
    kill: Arc<AtomicBool>,
}

impl ConnectionHandle {
    /// Closes the connection without writing the response being prepared.
    pub(crate) fn drop_connection(&self) {
        self.kill.store(true, Ordering::SeqCst);
    }
}

/// Serves `router` on `listener` until `stop` fires (or its sender is dropped), then lets the
/// open connections finish the requests they are on and closes them.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    settings: ConnectionSettings,
    mut stop: oneshot::Receiver<()>,
) {
    let (closing, closed) = watch::channel(false);
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stop => break,
        };
        // Forget the connections that have ended, so the set does not grow with every one.
        while connections.try_join_next().is_some() {}
        match accepted {
            Ok((stream, _)) => {
                connections.spawn(serve_connection(stream, router.clone(), settings.clone(), closed.clone()));
            }
            // Too many open files and the like: wait instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    drop(listener);
    let _ = closing.send(true);
    while connections.join_next().await.is_some() {}
}

/// One connection, HTTP/1.1 with keep-alive, until the client closes it, its head times out,
/// a handler drops it, or the server stops.
async fn serve_connection(
    stream: TcpStream,
    router: Router,
    settings: ConnectionSettings,
    mut closing: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    settings.accepted.fetch_add(1, Ordering::SeqCst);
    let kill = Arc::new(AtomicBool::new(false));
    let delay = (!settings.delay.is_zero()).then(|| Box::pin(tokio::time::sleep(settings.delay)));
    let io = TokioIo::new(SandboxConnection { stream, kill: kill.clone(), delay });
    let service = TowerToHyperService::new(router.layer(Extension(ConnectionHandle { kill })));
    let mut builder = hyper::server::conn::http1::Builder::new();
    // The timer is what makes the header read timeout take effect.
    builder.timer(TokioTimer::new()).header_read_timeout(settings.header_read_timeout);
    let connection = builder.serve_connection(io, service);
    let mut connection = std::pin::pin!(connection);
    // An error here is the client's (it went away, sent garbage, or was too slow): the
    // connection is closed either way, and there is no one to tell.
    tokio::select! {
        _ = connection.as_mut() => return,
        _ = closing.wait_for(|closing| *closing) => {}
    }
    connection.as_mut().graceful_shutdown();
    let _ = connection.await;
}

/// A TCP stream with a handshake delay and a kill switch.
pub(crate) struct SandboxConnection {
    stream: TcpStream,
    kill: Arc<AtomicBool>,
    delay: Option<Pin<Box<Sleep>>>,
}

impl SandboxConnection {
    fn killed(&self) -> bool {
        self.kill.load(Ordering::SeqCst)
    }
}

impl AsyncRead for SandboxConnection {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if let Some(delay) = self.delay.as_mut() {
            if delay.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.delay = None;
        }
        if self.killed() {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for SandboxConnection {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.killed() {
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::BrokenPipe, "sandbox dropped the connection")));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.killed() {
            return Poll::Ready(Err(io::Error::new(io::ErrorKind::BrokenPipe, "sandbox dropped the connection")));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
