// node client.mjs [url] [name] — joins "lobby", says hello, prints every message (npm install socket.io-client).
import { io } from "socket.io-client";

const [url = "http://localhost:3000", name = "ada"] = process.argv.slice(2);
const socket = io(url, { auth: { name } });
socket.on("connect_error", (err) => console.error("refused:", err.message, err.data));
socket.on("message", (m) => console.log(`[${m.room}] ${m.from}: ${m.text}`));
socket.on("joined", (who, room) => console.log(`${who} joined ${room}`));
socket.on("connect", async () => {
  console.log(await socket.emitWithAck("say", "lobby", `hello from ${name}`));
});
