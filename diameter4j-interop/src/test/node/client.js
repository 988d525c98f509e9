'use strict';
// A node-diameter client for diameter4j's interop tests (NodeDiameterClientTest): connects to
// --host/--port, exchanges capabilities (RFC 6733 §5.3) and a watchdog (§5.5), runs --gy Gy
// sessions (RFC 4006 §8: CCR INITIAL, UPDATE, TERMINATE) --concurrency at a time, one EVENT CCR
// (direct debiting, RFC 4006 §6.3), --rf accounting sessions (RFC 6733 §9.7: ACR START, INTERIM,
// STOP) and --unknown requests of a command the server's application does not define, then waits
// up to --await-dwr-ms for the server's own DWR and ends as --end says: "dpr" sends a DPR
// (§5.4), "peer-dpr" waits for the server's DPR and answers it.
//
// stdout: one JSON object per line (see common.js): "sent"/"answer" for every request and its
// decoded answer, "received"/"sent" for the requests the server sends, "error" for anything
// node-diameter fails to decode or a request that gets no answer, and "summary" at the end.
// Exit code 0 when the script ran to the end (the tests judge the answers), 1 otherwise.

const diameter = require('diameter');
const c = require('./common');

const opt = c.options({
  host: '127.0.0.1',
  port: 3868,
  'origin-host': 'node-client.example.org',
  'origin-realm': 'example.org',
  'destination-realm': 'example.com',
  gy: 20,
  rf: 3,
  event: 1,
  unknown: 1,
  concurrency: 5,
  'await-dwr-ms': 0,
  end: 'dpr',
  'timeout-ms': 5000,
  'deadline-ms': 60000,
});
const me = { host: opt['origin-host'], realm: opt['origin-realm'] };
const GY = 'Diameter Credit Control Application';
const ACCT = 'Diameter Base Accounting';
const counts = { requests: 0, answers: 0, errors: 0, peerRequests: 0 };
let peerDwrs = 0;
let peerDprSeen = null;

setTimeout(function () {
  c.emit('error', { error: 'deadline of ' + opt['deadline-ms'] + ' ms reached' });
  process.exit(1);
}, opt['deadline-ms']).unref();

const socket = diameter.createConnection({ host: opt.host, port: opt.port, timeout: opt['timeout-ms'] }, function () {
  run().then(function () {
    c.emit('summary', counts);
    process.exit(counts.errors === 0 ? 0 : 1);
  }, function (e) {
    c.emit('error', { error: 'scenario failed: ' + (e && e.stack ? e.stack : e) });
    c.emit('summary', counts);
    process.exit(1);
  });
});
c.oneMessagePerDataEvent(socket);
const connection = socket.diameterConnection;

socket.on('error', function (err) {
  // node-diameter reports a message it cannot decode as a socket error.
  counts.errors++;
  c.emit('error', { error: String(err && err.message ? err.message : err) });
});
socket.on('close', function () { c.emit('closed', {}); });

socket.on('diameterMessage', function (event) {
  counts.peerRequests++;
  c.emit('received', { message: c.describe(event.message) });
  if (event.message.command === 'Device-Watchdog') peerDwrs++;
  if (event.message.command === 'Disconnect-Peer' && peerDprSeen) peerDprSeen();
  if (!c.answerBase(event, me)) c.answerUnsupported(event, me);
});

/** Sends a request; resolves with the decoded answer, reporting both. */
function send(kind, request, extra) {
  counts.requests++;
  const answered = connection.sendRequest(request); // assigns the Hop-by-Hop Identifier
  c.emit('sent', Object.assign({ kind: kind, message: c.describe(request) }, extra));
  return answered.then(function (answer) {
    counts.answers++;
    c.emit('answer', Object.assign({ kind: kind, message: c.describe(answer) }, extra));
    return answer;
  }, function (e) {
    counts.errors++;
    c.emit('error', Object.assign({ kind: kind, error: String(e && e.message ? e.message : e) }, extra));
    throw e;
  });
}

function resultCode(answer) {
  return c.avp(answer, 'Result-Code');
}

function cer() {
  // RFC 6733 §5.3.1.
  return send('CER', c.baseRequest(connection, 'Capabilities-Exchange', [
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Host-IP-Address', '127.0.0.1'],
    ['Vendor-Id', 0],
    ['Product-Name', 'node-diameter'],
    ['Origin-State-Id', Math.floor(Date.now() / 1000)],
    ['Supported-Vendor-Id', 10415],
    ['Auth-Application-Id', 4],
    ['Acct-Application-Id', 3],
    ['Firmware-Revision', 700],
  ]));
}

function dwr() {
  // RFC 6733 §5.5.1.
  return send('DWR', c.baseRequest(connection, 'Device-Watchdog', [
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
  ]));
}

function dpr() {
  // RFC 6733 §5.4.1.
  return send('DPR', c.baseRequest(connection, 'Disconnect-Peer', [
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Disconnect-Cause', 'REBOOTING'],
  ]));
}

let sessionCounter = 0;
function sessionId() {
  // RFC 6733 §8.8: <DiameterIdentity>;<high 32 bits>;<low 32 bits>[;<optional value>]
  return me.host + ';' + Math.floor(Date.now() / 1000) + ';' + (++sessionCounter) + ';node';
}

/** A CCR (RFC 4006 §3.1) of a session; msisdn identifies the subscriber (Subscription-Id). */
function ccr(sid, type, number, msisdn, more) {
  const r = connection.createRequest(GY, 'Credit-Control', sid);
  r.header.flags.proxiable = true; // RFC 4006 §3.1: <CCR> ::= < Diameter Header: 272, REQ, PXY >
  r.body = r.body.concat([
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Destination-Realm', opt['destination-realm']],
    ['Auth-Application-Id', 4],
    ['Service-Context-Id', '32251@3gpp.org'],
    ['CC-Request-Type', type],
    ['CC-Request-Number', number],
    ['Event-Timestamp', c.ntpNow()],
    ['Subscription-Id', [['Subscription-Id-Type', 'END_USER_E164'], ['Subscription-Id-Data', msisdn]]],
  ]).concat(more);
  return r;
}

function octets(name, n) {
  return [name, [['CC-Total-Octets', n]]];
}

/** One Gy session: CCR-I reserving, CCR-U reporting and reserving, CCR-T reporting. */
function gySession(i) {
  const sid = sessionId();
  const msisdn = '4179' + String(1000000 + i);
  const extra = { session: i, sessionId: sid };
  const rg = ['Rating-Group', 100];
  return send('CCR-I', ccr(sid, 'INITIAL_REQUEST', 0, msisdn, [
    ['Multiple-Services-Indicator', 'MULTIPLE_SERVICES_SUPPORTED'],
    ['Multiple-Services-Credit-Control', [octets('Requested-Service-Unit', 1000000), rg]],
  ]), extra).then(function () {
    return send('CCR-U', ccr(sid, 'UPDATE_REQUEST', 1, msisdn, [
      ['Multiple-Services-Credit-Control', [
        octets('Requested-Service-Unit', 1000000), octets('Used-Service-Unit', 400000), rg]],
    ]), extra);
  }).then(function () {
    return send('CCR-T', ccr(sid, 'TERMINATION_REQUEST', 2, msisdn, [
      ['Termination-Cause', 'DIAMETER_LOGOUT'],
      ['Multiple-Services-Credit-Control', [octets('Used-Service-Unit', 300000), rg]],
    ]), extra);
  });
}

/** An EVENT CCR with direct debiting of one service-specific unit (RFC 4006 §6.3). */
function gyEvent(i) {
  const sid = sessionId();
  return send('CCR-E', ccr(sid, 'EVENT_REQUEST', 0, '4179' + String(2000000 + i), [
    ['Requested-Action', 'DIRECT_DEBITING'],
    ['Multiple-Services-Credit-Control', [
      ['Requested-Service-Unit', [['CC-Service-Specific-Units', 1]]],
      ['Service-Identifier', 1],
      ['Rating-Group', 200]]],
  ]), { session: i, sessionId: sid });
}

/** An ACR (RFC 6733 §9.7.1). */
function acr(sid, type, number, user) {
  const r = connection.createRequest(ACCT, 'Accounting', sid);
  r.header.flags.proxiable = true; // RFC 6733 §9.7.1: <ACR> ::= < Diameter Header: 271, REQ, PXY >
  r.body = r.body.concat([
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Destination-Realm', opt['destination-realm']],
    ['Accounting-Record-Type', type],
    ['Accounting-Record-Number', number],
    ['Acct-Application-Id', 3],
    ['User-Name', user],
    ['Event-Timestamp', c.ntpNow()],
  ]);
  return r;
}

function rfSession(i) {
  const sid = sessionId();
  const user = '4179' + String(3000000 + i);
  const extra = { session: i, sessionId: sid };
  return send('ACR-START', acr(sid, 'Start Record', 0, user), extra)
    .then(function () { return send('ACR-INTERIM', acr(sid, 'Interim Record', 1, user), extra); })
    .then(function () { return send('ACR-STOP', acr(sid, 'Stop Record', 2, user), extra); });
}

/**
 * A request of a command the Gy application does not define (Spending-Limit, 8388635, is Sy's,
 * TS 29.219): the server must answer 3001 DIAMETER_COMMAND_UNSUPPORTED with the E bit
 * (RFC 6733 §7.1.3).
 */
function unknownCommand(i) {
  const sid = sessionId();
  const r = connection.createRequest(GY, 'Spending-Limit', sid);
  r.header.flags.proxiable = true;
  r.body = r.body.concat([
    ['Origin-Host', me.host],
    ['Origin-Realm', me.realm],
    ['Destination-Realm', opt['destination-realm']],
    ['Auth-Application-Id', 4],
  ]);
  return send('UNKNOWN', r, { session: i, sessionId: sid });
}

/** Runs job(0..n-1), at most `width` at a time; failures are reported, not fatal. */
function pool(n, width, job) {
  let next = 0;
  function worker() {
    if (next >= n) return Promise.resolve();
    const i = next++;
    return job(i).catch(function () {}).then(worker);
  }
  const workers = [];
  for (let w = 0; w < Math.min(width, n); w++) workers.push(worker());
  return Promise.all(workers);
}

function waitFor(predicate, ms) {
  return new Promise(function (resolve) {
    const until = Date.now() + ms;
    (function poll() {
      if (predicate() || Date.now() >= until) return resolve(predicate());
      setTimeout(poll, 20);
    })();
  });
}

async function run() {
  const cea = await cer();
  if (resultCode(cea) !== 'DIAMETER_SUCCESS') throw new Error('CEA result ' + resultCode(cea));
  await dwr();
  await pool(opt.gy, opt.concurrency, gySession);
  await pool(opt.event, opt.concurrency, gyEvent);
  await pool(opt.rf, opt.concurrency, rfSession);
  await pool(opt.unknown, 1, unknownCommand);
  if (opt['await-dwr-ms'] > 0 && !(await waitFor(function () { return peerDwrs > 0; }, opt['await-dwr-ms']))) {
    counts.errors++;
    c.emit('error', { error: 'no DWR from the server within ' + opt['await-dwr-ms'] + ' ms' });
  }
  if (opt.end === 'dpr') {
    await dpr();
    socket.end(); // RFC 6733 §5.4: the sender of the DPR closes the connection
  } else if (opt.end === 'peer-dpr') {
    c.emit('waiting', { for: 'DPR' });
    await new Promise(function (resolve) { peerDprSeen = resolve; });
    await new Promise(function (resolve) { socket.once('close', resolve); });
  }
}
