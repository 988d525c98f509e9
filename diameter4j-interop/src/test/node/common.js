'use strict';
// Shared by client.js and server.js, the node-diameter peers of diameter4j's interop tests
// (diameter4j-interop, NodeDiameter*Test). Everything they report goes to stdout as one JSON
// object per line, which the Java tests parse; nothing else is written to stdout.

const Long = require('long');

/** Writes one event line. */
function emit(event, fields) {
  process.stdout.write(JSON.stringify(Object.assign({ event: event, t: Date.now() }, fields)) + '\n');
}

/** A decoded AVP list (node-diameter's [[name, value], ...]) with 64-bit values as strings. */
function plain(body) {
  return body.map(function (avp) {
    const v = avp[1];
    if (Array.isArray(v)) return [avp[0], plain(v)];
    if (v instanceof Long || Long.isLong(v)) return [avp[0], v.toString()];
    return [avp[0], v];
  });
}

/** A message as the tests read it: header fields and the AVPs node-diameter decoded. */
function describe(message) {
  const h = message.header;
  return {
    command: message.command,
    commandCode: h.commandCode,
    applicationId: h.applicationId,
    request: h.flags.request,
    proxiable: h.flags.proxiable,
    error: h.flags.error,
    hopByHop: h.hopByHopId,
    endToEnd: h.endToEndId,
    avps: plain(message.body),
  };
}

/** The first value of AVP `name` among the top-level AVPs, or undefined. */
function avp(message, name) {
  const a = message.body.find(function (x) { return x[0] === name; });
  return a === undefined ? undefined : a[1];
}

/**
 * node-diameter 0.7.0 decodes at most one message per socket 'data' event and keeps the rest in
 * its buffer until the next event, so two messages arriving in one TCP segment (an answer and a
 * DWR, or pipelined answers) stall the second. This hands it one whole Diameter message per event
 * (RFC 6733 §3: the Message Length field is bytes 1-3 of the header); anything that is not a
 * plausible header is passed on as it is, for node-diameter to reject.
 */
function oneMessagePerDataEvent(socket) {
  const original = socket.emit;
  let pending = Buffer.alloc(0);
  socket.emit = function (name) {
    if (name !== 'data') return original.apply(this, arguments);
    pending = Buffer.concat([pending, arguments[1]]);
    while (pending.length >= 4) {
      const length = pending.readUIntBE(1, 3);
      if (length < 20) {
        const rest = pending;
        pending = Buffer.alloc(0);
        original.call(this, 'data', rest);
        break;
      }
      if (pending.length < length) break;
      const one = pending.subarray(0, length);
      pending = pending.subarray(length);
      original.call(this, 'data', one);
    }
    return true;
  };
}

/** Command-line options --name value (numbers converted), with defaults. */
function options(defaults) {
  const out = Object.assign({}, defaults);
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error('unexpected argument ' + argv[i]);
    const key = argv[i].slice(2);
    if (!(key in defaults)) throw new Error('unknown option --' + key);
    const value = argv[++i];
    out[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  return out;
}

/** Diameter Time (RFC 6733 §4.3.1): seconds since 1900-01-01 UTC. */
function ntpNow() {
  return Math.floor(Date.now() / 1000) + 2208988800;
}

/**
 * Answers the base-protocol requests a peer may send at any time: DWR with a DWA (RFC 6733
 * §5.5.2), DPR with a DPA (§5.4.2; the sender of the DPR closes the connection). Returns false
 * for any other request.
 */
function answerBase(event, identity) {
  const m = event.message;
  if (m.command !== 'Device-Watchdog' && m.command !== 'Disconnect-Peer') return false;
  const r = event.response;
  r.body = [
    ['Result-Code', 'DIAMETER_SUCCESS'],
    ['Origin-Host', identity.host],
    ['Origin-Realm', identity.realm],
  ];
  sendAnswer(event, r);
  return true;
}

/** Sends an answer and reports it. */
function sendAnswer(event, response) {
  event.callback(response);
  emit('sent', { message: describe(response) });
}

/**
 * The generic error answer of RFC 6733 §7.2 (E bit, Result-Code 3001
 * DIAMETER_COMMAND_UNSUPPORTED) for a request this peer does not serve.
 */
function answerUnsupported(event, identity) {
  const r = event.response;
  r.header.flags.error = true;
  r.header.flags.proxiable = event.message.header.flags.proxiable;
  r.body = r.body.concat([
    ['Origin-Host', identity.host],
    ['Origin-Realm', identity.realm],
    ['Result-Code', 'DIAMETER_COMMAND_UNSUPPORTED'],
  ]);
  sendAnswer(event, r);
}

/** A request without the Session-Id node-diameter always adds (base protocol, RFC 6733 §5). */
function baseRequest(connection, command, body) {
  const r = connection.createRequest('Diameter Common Messages', command);
  r.body = body;
  return r;
}

module.exports = {
  emit, describe, avp, plain, oneMessagePerDataEvent, options, ntpNow,
  answerBase, answerUnsupported, sendAnswer, baseRequest,
};
