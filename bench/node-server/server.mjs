// The official socket.io 4.x server with the same handlers as bench/SioServer/Program.cs.
//   node server.mjs --port 3000
// Prints "listening <port>" once it accepts connections.
import { createServer } from "node:http";
import { Server } from "socket.io";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg("port", process.env.PORT ?? 3000));

const http = createServer((req, res) => {
  if (req.url === "/healthz") { res.writeHead(200).end("ok"); return; }
  // For the "after all clients leave" figure (started with --expose-gc by bench.mjs); the .NET server does the same.
  if (req.url === "/gc") { globalThis.gc?.(); res.writeHead(200).end(globalThis.gc ? "ok" : "no gc"); return; }
  res.writeHead(404).end();
});
// Defaults of both servers: pingInterval 25 s, pingTimeout 20 s, maxHttpBufferSize 1e6.
const io = new Server(http, { serveClient: false });

io.on("connection", (socket) => {
  // join(room) -> ack "joined"
  socket.on("join", async (room, ack) => {
    await socket.join(room);
    if (typeof ack === "function") ack("joined");
  });
  // broadcast(room, ...args): everyone in the room gets "broadcast" with the same args
  socket.on("broadcast", (room, ...args) => {
    io.to(room).emit("broadcast", ...args);
  });
  // echo with an ack (round trips)
  socket.on("message-with-ack", (...args) => {
    const ack = args.pop();
    if (typeof ack === "function") ack(...args);
  });
});

http.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => { io.close(); process.exit(0); });
