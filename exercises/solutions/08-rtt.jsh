// Reference solution of exercise 8. Open after the exercise (/open exercises/solutions/08-rtt.jsh), then check8().
long myRttNanos(TeachingSocket socket, byte[] request, String host) throws IOException {
    long start = System.nanoTime();
    socket.send(request, host);
    for (TeachingSocket.Received r; (r = socket.receive(Duration.ofSeconds(2))) != null; ) {
        if (isReplyTo(r.bytes(), request)) return System.nanoTime() - start;
    }
    throw new IllegalStateException("no reply from " + host);
}

long kernelRttNanos(TeachingSocket socket) { return socket.lastReceived().kernelTimeNanos() - socket.lastSendTime(); }
