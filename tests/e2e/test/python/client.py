"""An independent client against SocketIO.Fixture: Debian's python3-socketio (python-socketio 5.x), which shares
no code with the official JavaScript client. Prints "ok <check>" per passed check; any failure raises and the
process exits non-zero. Run by test/python-client.test.js under /usr/bin/python3: python3 client.py <url> <transport>."""
import os
import sys
import threading
import traceback

import socketio

url, transport = sys.argv[1], sys.argv[2]
WAIT = 10


def received(client, event):
    """Registers a handler for `event` and returns (event flag, list of received argument tuples)."""
    flag, seen = threading.Event(), []

    def handler(*args):
        seen.append(args)
        flag.set()

    client.on(event, handler)
    return flag, seen


def checks():
    main = socketio.Client(reconnection=False)
    auth_flag, auth_seen = received(main, "auth")
    back_flag, back_seen = received(main, "message-back")
    answer_flag, answer_seen = received(main, "answer")
    room_flag, room_seen = received(main, "broadcast")
    main.on("question", lambda *args: ("python", *args))  # a tuple: several ack arguments
    main.connect(url, transports=[transport], auth={"token": "py"}, wait_timeout=WAIT)
    assert main.transport() == transport, main.transport()
    assert auth_flag.wait(WAIT) and auth_seen[0] == ({"token": "py"},), auth_seen
    print("ok connect", transport, flush=True)

    answer = main.call("message-with-ack", (1, "two", {"three": [3]}), timeout=WAIT)
    assert answer == (1, "two", {"three": [3]}), answer
    print("ok ack", flush=True)

    main.emit("message", (b"\x00\x01\xff", "text", {"nested": True}))
    assert back_flag.wait(WAIT), "no message-back"
    assert back_seen[0] == (b"\x00\x01\xff", "text", {"nested": True}), back_seen
    print("ok binary", flush=True)

    main.emit("ask-client", (41,))
    assert answer_flag.wait(WAIT) and answer_seen[0] == ("python", 41), answer_seen
    print("ok server-ack", flush=True)

    assert main.call("join", "py-room", timeout=WAIT) == "joined"
    main.emit("broadcast", ("py-room", "hi", 2))
    assert room_flag.wait(WAIT) and room_seen[0] == ("hi", 2), room_seen
    print("ok room", flush=True)

    secure = socketio.Client(reconnection=False)
    secure.connect(url, namespaces=["/secure"], transports=[transport], auth={"token": "secret"}, wait_timeout=WAIT)
    assert secure.call("whoami", namespace="/secure", timeout=WAIT) == "alice"
    secure.disconnect()
    refused = socketio.Client(reconnection=False)
    errors = []
    refused.on("connect_error", errors.append, namespace="/secure")
    try:
        refused.connect(url, namespaces=["/secure"], transports=[transport], auth={"token": "wrong"}, wait_timeout=WAIT)
        raise AssertionError("a wrong token connected")
    except socketio.exceptions.ConnectionError:
        pass
    assert errors and errors[0]["message"] == "not authorized" and errors[0]["data"] == {"code": 401}, errors
    refused.disconnect()
    print("ok namespace-auth", flush=True)

    main.disconnect()
    print("ok disconnect", flush=True)


try:
    checks()
except BaseException:  # the client's threads would keep a failed run alive: report and leave at once
    traceback.print_exc()
    sys.stdout.flush()
    os._exit(1)
os._exit(0)
