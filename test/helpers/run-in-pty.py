#!/usr/bin/env python3
# Runs a command under a real pseudo-terminal (as a user's shell does), waits until its output contains a marker,
# then sends Ctrl-C through the terminal (the 0x03 byte: the terminal driver signals the foreground process group)
# or SIGTERM to the process. Prints one JSON line: exit code, seconds from the signal to the exit, the output's tail.
# usage: run-in-pty.py MARKER INT|TERM TIMEOUT_SECONDS command [args...]
import json, os, pty, select, signal, sys, time

marker, which, limit, command = sys.argv[1].encode(), sys.argv[2], float(sys.argv[3]), sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
output, sent, started, status = b'', None, time.time(), None
while status is None:
    if sent is None and (marker in output or time.time() - started > limit):
        if which == 'INT':
            os.write(fd, b'\x03')
        else:
            os.kill(pid, signal.SIGTERM)
        sent = time.time()
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            output += os.read(fd, 65536)
        except OSError:
            pass
    done, code = os.waitpid(pid, os.WNOHANG)
    if done:
        status = code
    elif sent is not None and time.time() - sent > limit:
        os.kill(pid, signal.SIGKILL)
print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'afterSignal': None if sent is None else time.time() - sent, 'markerSeen': marker in output, 'output': output.decode(errors='replace')[-400:]}))
