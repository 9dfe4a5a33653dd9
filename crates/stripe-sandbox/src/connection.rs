//! The accept side of the server: counts accepted connections, delays each new connection's
//! first read (standing in for a TLS handshake), and lets a handler drop its connection without
//! answering (the "committed, then the client never heard" fault).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

/// A listener that counts connections and wraps each in a [`SandboxConnection`].
pub(crate) struct CountingListener {
    pub(crate) inner: TcpListener,
    pub(crate) accepted: Arc<AtomicU64>,
    pub(crate) delay: Duration,
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

impl Listener for CountingListener {
    type Io = SandboxConnection;
    type Addr = ConnectionHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    self.accepted.fetch_add(1, Ordering::SeqCst);
                    let kill = Arc::new(AtomicBool::new(false));
                    let delay = (!self.delay.is_zero()).then(|| Box::pin(tokio::time::sleep(self.delay)));
                    return (SandboxConnection { stream, kill: kill.clone(), delay }, ConnectionHandle { kill });
                }
                // Too many open files and the like: wait instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        let _: SocketAddr = self.inner.local_addr()?;
        Ok(ConnectionHandle { kill: Arc::new(AtomicBool::new(false)) })
    }
}

impl Connected<IncomingStream<'_, CountingListener>> for ConnectionHandle {
    fn connect_info(stream: IncomingStream<'_, CountingListener>) -> Self {
        stream.remote_addr().clone()
    }
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
