# A TCP connection to vpcd on 127.0.0.1:PORT whose bytes are relayed to standard output, and standard
# input's to it. Why: vpcd writes each message's length and body separately with Nagle's algorithm on,
# so its body waits for the ACK of the length, which Linux delays by 40 ms; TCP_QUICKACK, set again after
# every receive (Linux clears it), ACKs at once. Node cannot set TCP_QUICKACK, Python can.
import os
import select
import socket
import sys

port = int(sys.argv[1])
sock = socket.create_connection(("127.0.0.1", port))
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
sys.stdout.buffer.write(b"")  # connected
out = sys.stdout.fileno()
inp = sys.stdin.fileno()
while True:
    ready, _, _ = select.select([sock, inp], [], [])
    if sock in ready:
        data = sock.recv(65536)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        if not data:
            break
        os.write(out, data)
    if inp in ready:
        data = os.read(inp, 65536)
        if not data:
            break
        sock.sendall(data)
sock.close()
