'use strict';
// A node-diameter server for diameter4j's interop tests (NodeDiameterServerTest): listens on
// 127.0.0.1:--port (0: an ephemeral port, reported in the "listening" line) and answers
//   CER with a CEA (RFC 6733 §5.3.2) advertising Gy (4) and base accounting (3),
//   DWR/DPR with DWA/DPA (§5.5.2, §5.4.2),
//   CCR with a CCA (RFC 4006 §3.2) granting 1,000,000 octets per MSCC of INITIAL/UPDATE and the
//     requested units of an EVENT,
//   ACR with an ACA (RFC 6733 §9.7.2),
//   anything else with 3001 and the E bit (§7.1.3).
// Lines on stdin are commands to the connected peers: "dwr" sends a DWR, "dpr" a DPR
// (Disconnect-Cause DO_NOT_WANT_TO_TALK_TO_YOU, then closes the connection once answered).
//
// stdout: one JSON object per line (see common.js): "listening", "received" for every decoded
// request, "sent" for every answer and request, "answer" for the answers to its own requests,
// "error" for anything node-diameter cannot decode.

const diameter = require('diameter');
const readline = require('readline');
const c = require('./common');

const opt = c.options({
  port: 0,
  'origin-host': 'node-server.example.org',
  'origin-realm': 'example.org',
  'deadline-ms': 120000,
});
const me = { host: opt['origin-host'], realm: opt['origin-realm'] };
const sockets = new Set();

setTimeout(function () {
  c.emit('error', { error: 'deadline of ' + opt['deadline-ms'] + ' ms reached' });
  process.exit(1);
}, opt['deadline-ms']).unref();

const server = diameter.createServer({ timeout: 5000 }, function (socket) {
  c.oneMessagePerDataEvent(socket);
  sockets.add(socket);
  const peer = socket.remoteAddress + ':' + socket.remotePort;
  c.emit('connected', { peer: peer });
  socket.on('diameterMessage', function (event) {
    c.emit('received', { peer: peer, message: c.describe(event.message) });
    if (c.answerBase(event, me)) return;
    switch (event.message.command) {
      case 'Capabilities-Exchange': return cea(event);
      case 'Credit-Control': return cca(event);
      case 'Accounting': return aca(event);
      default: return c.answerUnsupported(event, me);
    }
  });
  socket.on('error', function (err) {
    // node-diameter reports a message it cannot decode as a socket error.
    c.emit('error', { peer: peer, error: String(err && err.message ? err.message : err) });
  });
  socket.on('close', function () {
    sockets.delete(socket);
    c.emit('closed', { peer: peer });
  });
});

server.listen(opt.port, '127.0.0.1', function () {
  c.emit('listening', { port: server.address().port });
});

function cea(event) {
  const r = event.response;
  r.body = [
    ['Result-Code', 'DIAMETER_SUCCESS'],
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Host-IP-Address', '127.0.0.1'],
    ['Vendor-Id', 0],
    ['Product-Name', 'node-diameter'],
    ['Auth-Application-Id', 4],
    ['Acct-Application-Id', 3],
  ];
  c.sendAnswer(event, r);
}

function cca(event) {
  const m = event.message;
  const r = event.response; // Session-Id already copied by node-diameter
  const type = c.avp(m, 'CC-Request-Type');
  r.body = r.body.concat([
    ['Result-Code', 'DIAMETER_SUCCESS'],
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Auth-Application-Id', 4],
    ['CC-Request-Type', type],
    ['CC-Request-Number', c.avp(m, 'CC-Request-Number')],
  ]);
  if (type !== 'TERMINATION_REQUEST') {
    m.body.filter(function (a) { return a[0] === 'Multiple-Services-Credit-Control'; }).forEach(function (mscc) {
      const granted = [];
      const rsu = mscc[1].find(function (a) { return a[0] === 'Requested-Service-Unit'; });
      if (type === 'EVENT_REQUEST' && rsu) {
        rsu[1].forEach(function (u) { granted.push(u); });
      } else {
        granted.push(['CC-Total-Octets', 1000000]);
      }
      const out = [['Granted-Service-Unit', granted]];
      mscc[1].forEach(function (a) {
        if (a[0] === 'Rating-Group' || a[0] === 'Service-Identifier') out.push(a);
      });
      out.push(['Result-Code', 'DIAMETER_SUCCESS']);
      r.body.push(['Multiple-Services-Credit-Control', out]);
    });
  }
  c.sendAnswer(event, r);
}

function aca(event) {
  const m = event.message;
  const r = event.response;
  r.body = r.body.concat([
    ['Result-Code', 'DIAMETER_SUCCESS'],
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Accounting-Record-Type', c.avp(m, 'Accounting-Record-Type')],
    ['Accounting-Record-Number', c.avp(m, 'Accounting-Record-Number')],
  ]);
  if (c.avp(m, 'Acct-Application-Id') !== undefined) r.body.push(['Acct-Application-Id', 3]);
  c.sendAnswer(event, r);
}

function request(socket, kind, command, body) {
  const connection = socket.diameterConnection;
  const req = c.baseRequest(connection, command, body);
  const answered = connection.sendRequest(req);
  c.emit('sent', { kind: kind, message: c.describe(req) });
  return answered.then(function (answer) {
    c.emit('answer', { kind: kind, message: c.describe(answer) });
    return answer;
  }, function (e) {
    c.emit('error', { kind: kind, error: String(e && e.message ? e.message : e) });
  });
}

readline.createInterface({ input: process.stdin }).on('line', function (line) {
  const cmd = line.trim();
  sockets.forEach(function (socket) {
    if (cmd === 'dwr') {
      // RFC 6733 §5.5.1
      request(socket, 'DWR', 'Device-Watchdog', [['Origin-Host', me.host], ['Origin-Realm', me.realm]]);
    } else if (cmd === 'dpr') {
      // RFC 6733 §5.4.1; the sender of the DPR closes the connection once it has the DPA.
      request(socket, 'DPR', 'Disconnect-Peer', [
        ['Origin-Host', me.host], ['Origin-Realm', me.realm],
        ['Disconnect-Cause', 'DO_NOT_WANT_TO_TALK_TO_YOU'],
      ]).then(function () { socket.end(); });
    } else if (cmd !== '') {
      c.emit('error', { error: 'unknown command on stdin: ' + cmd });
    }
  });
}).on('close', function () {
  // stdin closed: the test is over.
  server.close();
  sockets.forEach(function (s) { s.destroy(); });
  process.exit(0);
});
