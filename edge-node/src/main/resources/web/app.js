// gridchat web client: plain ES module, no dependencies. Speaks /work/shared/protocol.md (v1).
// Every user-provided string reaches the DOM as text (textContent / Node.append(string)), never as HTML.

const API = '/api/v1';
const PING_MS = 30_000, PONG_TIMEOUT_MS = 10_000, PAGE = 50, ACTIVE_REFRESH_MS = 5_000;
const $ = (sel) => document.querySelector(sel);

const state = {
  token: sessionStorage.getItem('gc.token'),
  userId: sessionStorage.getItem('gc.userId'),
  names: new Map(),    // userId -> username (learned from /me)
  presence: new Map(), // userId -> "online" | "away" | "offline"
  rooms: new Map(),    // roomId -> room state (insertion order = sidebar order)
  current: null,       // room state shown in the pane
};
const conn = { ws: null, open: false, everOpened: false, attempt: 0, nextId: 1, pending: new Map(), pingTimer: 0, retryTimer: 0 };
const outbox = new Map(); // clientMsgId -> { room, text, clientMsgId, node }: sends not yet acknowledged

// ---------- helpers ----------

function uid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Builds an element; string children become text nodes (safe), props are DOM properties.
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c != null && c !== false) node.append(c);
  return node;
}

const who = (id) => state.names.get(id) || (id === state.userId ? 'you' : id);
// dm ids are `dm_` + a hash of the pair (README, "Receipts and direct rooms"): known before the room info arrives.
const isDm = (r) => r.info.kind === 'dm' || r.id.startsWith('dm_');
const roomName = (r) => (isDm(r) ? `dm: ${r.peer ? who(r.peer) : 'direct chat'}` : r.info.name || r.id);

function fmtTime(ts) {
  const d = new Date(ts);
  const today = d.toDateString() === new Date().toDateString();
  return d.toLocaleString([], today ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
}

let toastTimer = 0;
function toast(text) {
  const t = $('#toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
}

class ApiError extends Error {
  constructor(code, message, status) { super(message); this.code = code; this.status = status; }
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  let res;
  try {
    res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('UNAVAILABLE', 'Network error: the server cannot be reached', 0);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(data?.error || 'HTTP_' + res.status, data?.message || `HTTP ${res.status}`, res.status);
  return data;
}

// ---------- auth & session ----------

async function authenticate(kind) {
  const f = $('#auth-form');
  const body = { username: f.elements.username.value.trim(), password: f.elements.password.value };
  const displayName = f.elements.displayName.value.trim();
  if (kind === 'register' && displayName) body.displayName = displayName;
  $('#auth-error').textContent = '';
  try {
    const { userId, token } = await api('POST', `/auth/${kind}`, body);
    sessionStorage.setItem('gc.token', token);
    sessionStorage.setItem('gc.userId', userId);
    Object.assign(state, { token, userId });
    f.elements.password.value = '';
    startSession();
  } catch (e) {
    $('#auth-error').textContent = e.message;
  }
}

function startSession() {
  $('#auth-view').hidden = true;
  $('#chat-view').hidden = false;
  $('#logout').hidden = $('#menu-toggle').hidden = false;
  api('GET', '/me').then((me) => {
    state.names.set(me.userId, me.username);
    $('#me').textContent = me.displayName && me.displayName !== me.username ? `${me.displayName} (@${me.username})` : `@${me.username}`;
    renderAllMessages();
    renderHeader();
  }).catch((e) => { if (e.status === 401) logout(); });
  connect();
  loadActiveRooms();
  setInterval(() => { if (document.visibilityState === 'visible') loadActiveRooms(); }, ACTIVE_REFRESH_MS);
}

function logout() {
  stopTyping();
  sessionStorage.clear();
  state.token = null; // stops reconnects
  conn.ws?.close(1000, 'logout');
  location.reload(); // simplest way to drop every piece of in-memory state
}

// ---------- WebSocket connection ----------

function setStatus(kind, text) {
  $('#conn').className = `conn ${kind}`;
  $('#conn-text').textContent = text || kind;
}

function connect() {
  clearTimeout(conn.retryTimer);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/ws?token=${encodeURIComponent(state.token)}`);
  conn.ws = ws;
  setStatus('connecting', 'connecting…');
  ws.onopen = () => {
    conn.open = true;
    conn.attempt = 0;
    setStatus('online');
    conn.pingTimer = setInterval(() => ping(ws), PING_MS);
    onConnected();
  };
  ws.onmessage = (ev) => {
    if (conn.ws !== ws) return;
    let frame;
    try { frame = JSON.parse(ev.data); } catch { return; }
    handleFrame(frame);
  };
  ws.onclose = () => onClosed(ws);
}

function onClosed(ws) {
  if (conn.ws !== ws) return; // an old socket we already gave up on
  const wasOpen = conn.open;
  Object.assign(conn, { ws: null, open: false });
  clearInterval(conn.pingTimer);
  for (const p of conn.pending.values()) p.reject(Object.assign(new Error('Connection lost'), { code: 'DISCONNECTED' }));
  conn.pending.clear();
  if (!state.token) return;
  // The upgrade is refused with 401 on a bad token; the browser cannot tell us, so ask HTTP.
  if (!wasOpen) api('GET', '/me').catch((e) => { if (e.status === 401) logout(); });
  const delay = Math.min(30_000, 1000 * 2 ** conn.attempt++) * (0.5 + Math.random() / 2);
  setStatus('offline', `offline, retrying in ${Math.ceil(delay / 1000)} s`);
  conn.retryTimer = setTimeout(connect, delay);
}

function ping(ws) {
  const watchdog = setTimeout(() => { ws.close(); onClosed(ws); }, PONG_TIMEOUT_MS);
  request({ type: 'ping' }).then(() => clearTimeout(watchdog), () => clearTimeout(watchdog));
}

// Sends a frame with a fresh id; resolves with the ack/pong, rejects with the error frame.
function request(frame) {
  return new Promise((resolve, reject) => {
    if (!conn.open) return reject(Object.assign(new Error('Not connected'), { code: 'DISCONNECTED' }));
    const id = String(conn.nextId++);
    conn.pending.set(id, { resolve, reject });
    conn.ws.send(JSON.stringify({ ...frame, id }));
  });
}

// Fire-and-forget frame (typing).
function fire(frame) {
  if (conn.open) conn.ws.send(JSON.stringify(frame));
}

function onConnected() {
  if (!conn.everOpened) {
    conn.everOpened = true;
    const saved = JSON.parse(sessionStorage.getItem('gc.rooms') || '[]');
    saved.forEach((id, i) => joinRoom(id).then((r) => { if (r && i === 0 && !state.current) selectRoom(r); }));
  } else {
    for (const r of state.rooms.values()) {
      resume(r, true);
      if (r.info.kind === 'study') loadRoomInfo(r); // timer events sent while we were away are not replayed
    }
  }
  for (const item of outbox.values()) trySend(item);
}

function handleFrame(f) {
  if (f.id != null && (f.type === 'ack' || f.type === 'pong' || f.type === 'error')) {
    const p = conn.pending.get(f.id);
    if (p) {
      conn.pending.delete(f.id);
      if (f.type === 'error') p.reject(Object.assign(new Error(f.message || f.code), f));
      else p.resolve(f);
    }
    return;
  }
  const r = f.room ? state.rooms.get(f.room) : null;
  switch (f.type) {
    case 'message': onMessage(f); break;
    case 'joined':
    case 'left': if (r) onMembership(r, f); break;
    case 'room': if (r) onRoomChanged(r, f); break;
    case 'role': if (r) addNotice(r, `${who(f.user)} is now ${f.role}${f.by ? ` (set by ${who(f.by)})` : ''}`); break;
    case 'timer': if (r) applyTimer(r, f); break;
    case 'typing': if (r && f.user !== state.userId) setTyping(r, f.user, f.on); break;
    case 'presence':
      state.presence.set(f.userId, f.status);
      if (state.current) renderHeader();
      break;
    case 'receipt': if (r) markReceipt(r, f); break;
    case 'backlog': onBacklog(f); break;
    case 'retracted': {
      const node = r?.byId.get(f.msgId);
      if (node) showRetracted(node, f.reason);
      break;
    }
    case 'error': toast(`${f.code}: ${f.message}`); break;
    default: break; // unknown events are ignored; the protocol may grow
  }
}

// ---------- rooms ----------

function ensureRoom(id, info) {
  let r = state.rooms.get(id);
  if (!r) {
    r = {
      id, info: info || { roomId: id, name: id }, list: el('ol', { className: 'messages' }),
      byId: new Map(), seqs: new Set(), lastSeq: null, oldestSeq: null, noOlder: false,
      participants: new Set(), typing: new Map(), unread: 0, resuming: false, readSeq: 0,
      timer: null, peer: loadPeers()[id] || null,
    };
    state.rooms.set(id, r);
    if (!info) loadRoomInfo(r);
    saveRooms();
    renderSidebar();
  } else if (info) {
    r.info = info;
  }
  return r;
}

function saveRooms() {
  sessionStorage.setItem('gc.rooms', JSON.stringify([...state.rooms.keys()]));
}

// GET /rooms/{id}: name, kind, topic, and for a study room its focus timer (absent until one was started).
function loadRoomInfo(r) {
  return api('GET', `/rooms/${encodeURIComponent(r.id)}`).then(({ timer, ...info }) => {
    r.info = info;
    if (isDm(r) && !r.peer && info.ownerId !== state.userId) setPeer(r, info.ownerId);
    applyTimer(r, timer);
    renderSidebar();
    if (r === state.current) renderHeader();
  }, () => {});
}

// Also used for dm rooms: a dm member's join is answered like any member's (JoinRoom refuses only outsiders),
// and joining is what makes the peer's presence visible to this connection.
async function joinRoom(id, info) {
  try {
    const known = state.rooms.has(id);
    const ack = await request({ type: 'join', room: id });
    const r = ensureRoom(id, typeof ack.room === 'object' && ack.room ? ack.room : info);
    if ((known || info) && r.info.kind === 'study') loadRoomInfo(r); // ensureRoom loads it only for new rooms without info
    r.participants = new Set(ack.participants || []);
    const other = isDm(r) && !r.peer && [...r.participants].find((u) => u !== state.userId);
    if (other) setPeer(r, other);
    watchPresence([...r.participants]);
    addMessages(r, ack.recent || []);
    const last = ack.lastSeq ?? maxSeq(ack.recent) ?? 0;
    if (r.lastSeq == null) r.lastSeq = last;
    advance(r);
    if (last > r.lastSeq) resume(r);
    renderSidebar();
    if (r === state.current) renderHeader();
    return r;
  } catch (e) {
    toast(`Could not join ${id}: ${e.message}`);
    return null;
  }
}

async function joinAndSelect(id, info) {
  const r = state.rooms.get(id) || (await joinRoom(id, info));
  if (r) selectRoom(r);
}

// A dm is only closed here: leaving would end the membership for good, and POST /dm does not restore it.
async function leaveRoom(r) {
  if (!isDm(r)) {
    try { await request({ type: 'leave', room: r.id }); } catch (e) { toast(`Leave failed: ${e.message}`); return; }
  }
  dropRoom(r);
}

function dropRoom(r) {
  state.rooms.delete(r.id);
  saveRooms();
  if (state.current === r) {
    state.current = null;
    const next = state.rooms.values().next().value;
    if (next) selectRoom(next); else showNoRoom();
  }
  renderSidebar();
}

// Asks for the messages after the last contiguous seq (gap fill, reconnect). On reconnect a
// refused resume (e.g. the study-room grace period ran out) falls back to joining again.
async function resume(r, rejoinOnError = false) {
  if (r.resuming || r.lastSeq == null) return;
  r.resuming = true;
  try {
    const { messages = [] } = await request({ type: 'resume', room: r.id, afterSeq: r.lastSeq });
    addMessages(r, messages);
    if (messages.length) r.lastSeq = Math.max(r.lastSeq, messages[messages.length - 1].seq);
    advance(r);
  } catch (e) {
    if (e.code === 'DISCONNECTED') return;
    if (rejoinOnError) joinRoom(r.id); else toast(`Resume failed in ${roomName(r)}: ${e.message}`);
  } finally {
    r.resuming = false;
  }
}

async function onBacklog(f) {
  const r = ensureRoom(f.room);
  try {
    const { messages = [] } = await request({ type: 'history', room: r.id, beforeSeq: f.lastSeq + 1, limit: PAGE });
    addMessages(r, messages);
    r.lastSeq = Math.max(r.lastSeq ?? 0, f.lastSeq);
    advance(r);
    addNotice(r, `${f.lastSeq - f.fromSeq + 1} messages arrived while you were away; use "Load older" for earlier ones.`,
      (r.oldestSeq ?? f.lastSeq) - 0.5);
    if (r === state.current) renderHeader();
  } catch (e) { toast(`Could not load backlog: ${e.message}`); }
}

async function loadOlder() {
  const r = state.current;
  if (!r || r.oldestSeq == null) return;
  const btn = $('#load-older');
  btn.disabled = true;
  try {
    const { messages = [] } = await request({ type: 'history', room: r.id, beforeSeq: r.oldestSeq, limit: PAGE });
    const pane = $('#messages');
    const fromBottom = pane.scrollHeight - pane.scrollTop;
    addMessages(r, messages);
    if (r === state.current) pane.scrollTop = pane.scrollHeight - fromBottom; // keep the view still
    if (messages.length < PAGE || r.oldestSeq <= 1) r.noOlder = true;
  } catch (e) {
    toast(`Could not load history: ${e.message}`);
  } finally {
    btn.disabled = false;
    renderHeader();
  }
}

// ---------- active rooms ----------

const activeList = { loading: false, shown: '' };

async function loadActiveRooms() {
  if (activeList.loading) return; // the 5 s refresh and the button must not overlap
  activeList.loading = true;
  try {
    const { rooms = [] } = await api('GET', `/rooms?active=true&limit=${PAGE}`);
    renderActiveRooms(rooms);
  } catch (e) {
    activeList.shown = '';
    $('#active-rooms').replaceChildren(el('li', { className: 'muted' }, `Room list unavailable (${e.message})`));
  } finally {
    activeList.loading = false;
  }
}

// An unchanged list is not rebuilt: replacing the buttons every 5 s could swallow a click in flight.
function renderActiveRooms(rooms) {
  const shown = JSON.stringify(rooms);
  if (shown === activeList.shown) return;
  activeList.shown = shown;
  const list = $('#active-rooms');
  if (!rooms.length) return list.replaceChildren(el('li', { className: 'muted' }, 'No active rooms right now'));
  list.replaceChildren(...rooms.map(activeRoomItem));
}

function activeRoomItem(room) {
  const live = room.participantCount ?? 0, recent = room.recentMessages ?? 0;
  return el('li', {},
    el('button', { type: 'button', className: 'room-link active-room', title: `Join ${room.name || room.roomId}`,
      onclick: () => joinAndSelect(room.roomId, room) },
      el('span', { className: 'name' }, room.name || room.roomId),
      el('span', { className: 'meta' }, `${room.kind} · ${live} here · ${recent} msg${recent === 1 ? '' : 's'}/10 min`),
      room.topic ? el('span', { className: 'topic' }, room.topic) : null));
}

async function createRoom(f) {
  const body = { name: f.elements.roomName.value.trim(), kind: f.elements.kind.value };
  if (f.elements.topic.value.trim()) body.topic = f.elements.topic.value.trim();
  if (f.elements.capacity.value) body.capacity = Number(f.elements.capacity.value);
  $('#create-error').textContent = '';
  let room;
  try {
    room = await api('POST', '/rooms', body);
  } catch (e) {
    $('#create-error').textContent = `Could not create the room: ${e.message}`;
    return;
  }
  f.reset();
  f.closest('details').open = false;
  await joinAndSelect(room.roomId, room);
  loadActiveRooms();
}

// ---------- membership & room events ----------

function onMembership(r, f) {
  if (f.type === 'left' && f.user === state.userId && (f.reason === 'kicked' || f.reason === 'banned')) return onRemoved(r, f);
  if (f.type === 'joined') { r.participants.add(f.user); watchPresence([f.user]); } else r.participants.delete(f.user);
  if (f.user !== state.userId) addNotice(r, membershipText(f));
  if (r === state.current) renderHeader();
}

function membershipText(f) {
  const by = f.by ? ` by ${who(f.by)}` : '';
  if (f.reason) return `${who(f.user)} was ${f.reason}${by}`;
  return f.by && f.type === 'joined' ? `${who(f.user)} was added${by}` : `${who(f.user)} ${f.type} the room`;
}

// Kicked or banned: the grid already ended the membership; `leave` only frees this connection's seat.
function onRemoved(r, f) {
  const how = f.reason === 'banned' ? 'banned from' : 'removed from';
  toast(`You were ${how} ${roomName(r)}${f.by ? ` by ${who(f.by)}` : ''}.`);
  request({ type: 'leave', room: r.id }).catch(() => {});
  dropRoom(r);
}

function onRoomChanged(r, f) {
  r.info = { ...r.info, name: f.name ?? r.info.name, topic: f.topic ?? r.info.topic };
  addNotice(r, `${who(f.by)} updated the room: ${roomName(r)}${r.info.topic ? ` · ${r.info.topic}` : ''}`);
  renderSidebar();
  if (r === state.current) renderHeader();
}

// ---------- direct rooms ----------

const loadPeers = () => JSON.parse(sessionStorage.getItem('gc.peers') || '{}');

// The dm room does not name the other user, so the client remembers who it is talking to.
function setPeer(r, userId) {
  r.peer = userId;
  r.participants.add(userId);
  sessionStorage.setItem('gc.peers', JSON.stringify({ ...loadPeers(), [r.id]: userId }));
  renderSidebar();
  if (r === state.current) renderHeader();
}

async function openDm(userId) {
  let room;
  try {
    room = await api('POST', `/dm/${encodeURIComponent(userId)}`);
  } catch (e) {
    return toast(`Could not open a direct chat: ${e.message}`);
  }
  const r = state.rooms.get(room.roomId) || (await joinRoom(room.roomId, room));
  if (!r) return;
  setPeer(r, userId);
  selectRoom(r);
}

function watchPresence(users) {
  const ids = users.filter((u) => u !== state.userId).slice(0, 500);
  if (!ids.length) return;
  request({ type: 'presence', users: ids }).then((ack) => {
    for (const p of ack.presence || []) state.presence.set(p.userId, p.status);
    if (state.current) renderHeader();
  }, () => {});
}

// ---------- messages ----------

const maxSeq = (msgs) => (msgs?.length ? Math.max(...msgs.map((m) => m.seq)) : null);

// Moves lastSeq forward over every contiguous seq we already hold.
function advance(r) {
  if (r.lastSeq == null) return;
  while (r.seqs.has(r.lastSeq + 1)) r.lastSeq++;
  scheduleRead(r);
}

function onMessage(m) {
  const r = ensureRoom(m.room);
  if (r.lastSeq == null) r.lastSeq = m.seq - 1; // first sight of a room joined elsewhere
  if (isDm(r) && !r.peer && m.from !== state.userId) setPeer(r, m.from); // a dm someone else opened
  if (addMessage(r, m) && r !== state.current && m.from !== state.userId) { r.unread++; renderSidebar(); }
  setTyping(r, m.from, false);
  advance(r);
  if (m.seq > r.lastSeq) resume(r); // gap: something between lastSeq and m.seq is missing
}

function addMessages(r, msgs) {
  for (const m of msgs) addMessage(r, m);
}

// Shows a message once (deduplicated by msgId) at its seq position. Returns false if already shown.
function addMessage(r, m, node) {
  if (r.byId.has(m.msgId)) return false;
  node = node || renderMessage(m);
  node.dataset.seq = m.seq;
  r.byId.set(m.msgId, node);
  r.seqs.add(m.seq);
  if (r.oldestSeq == null || m.seq < r.oldestSeq) r.oldestSeq = m.seq;
  if (m.status === 'retracted') showRetracted(node);
  insertBySeq(r, node, m.seq);
  return true;
}

function insertBySeq(r, node, seq) {
  stickToBottom(r, () => {
    let before = null; // walk back from the end: most inserts are appends
    for (let c = r.list.lastElementChild; c; c = c.previousElementSibling) {
      const s = c.dataset.seq ? Number(c.dataset.seq) : Infinity; // unsent messages stay last
      if (s > seq) before = c; else break;
    }
    r.list.insertBefore(node, before);
  });
}

function stickToBottom(r, change) {
  const pane = $('#messages');
  const atBottom = r === state.current && pane.scrollHeight - pane.scrollTop - pane.clientHeight < 60;
  change();
  if (atBottom) pane.scrollTop = pane.scrollHeight;
}

function renderMessage(m) {
  const mine = m.from === state.userId;
  const ts = Number.isFinite(m.ts) ? m.ts : Date.now();
  const node = el('li', { className: mine ? 'msg mine' : 'msg' },
    el('div', { className: 'meta' },
      el('span', { className: 'from', title: m.from }, who(m.from)),
      el('time', { dateTime: new Date(ts).toISOString() }, fmtTime(ts)),
      el('span', { className: 'status' })),
    el('div', { className: 'text' }, m.text));
  node.dataset.from = m.from;
  return node;
}

function renderAllMessages() { // names became known: relabel senders
  for (const r of state.rooms.values())
    for (const node of r.list.querySelectorAll('.msg')) node.querySelector('.from').textContent = who(node.dataset.from);
}

function setMsgStatus(node, text) { node.querySelector('.status').textContent = text; }

function showRetracted(node, reason) {
  node.classList.add('retracted');
  node.querySelector('.text').textContent = reason ? `message removed (${reason})` : 'message removed';
}

function addNotice(r, text, seq = (r.lastSeq ?? 0) + 0.5) {
  const node = el('li', { className: 'notice' }, text);
  node.dataset.seq = seq;
  insertBySeq(r, node, seq);
}

function markReceipt(r, f) {
  const mark = (node, status) => {
    if (!node?.classList.contains('mine') || node.dataset.receipt === 'read') return;
    node.dataset.receipt = status;
    setMsgStatus(node, status === 'read' ? '✓✓ read' : '✓ delivered');
  };
  if (f.status !== 'read') return mark(r.byId.get(f.msgId), f.status); // delivered: one message
  for (const node of r.byId.values()) if (Number(node.dataset.seq) <= f.seq) mark(node, 'read'); // read is cumulative
}

let readTimer = 0;
function scheduleRead(r) {
  if (r !== state.current) return;
  clearTimeout(readTimer);
  readTimer = setTimeout(() => {
    if (r !== state.current || document.visibilityState !== 'visible' || !(r.lastSeq > r.readSeq)) return;
    r.readSeq = r.lastSeq;
    request({ type: 'read', room: r.id, seq: r.lastSeq }).catch(() => {});
  }, 1000);
}

// ---------- sending ----------

function sendMessage(text) {
  const r = state.current;
  const item = { room: r.id, text, clientMsgId: uid() };
  item.node = renderMessage({ from: state.userId, text, ts: Date.now() });
  item.node.classList.add('pending');
  r.list.append(item.node);
  $('#messages').scrollTop = $('#messages').scrollHeight;
  outbox.set(item.clientMsgId, item);
  trySend(item);
}

// The same clientMsgId is reused on every retry, so the server never stores a send twice.
async function trySend(item) {
  if (!conn.open) return setMsgStatus(item.node, 'waiting for connection…');
  setMsgStatus(item.node, 'sending…');
  try {
    const ack = await request({ type: 'send', room: item.room, text: item.text, clientMsgId: item.clientMsgId });
    if (!outbox.delete(item.clientMsgId)) return; // a duplicate ack of a retry
    const r = state.rooms.get(item.room);
    item.node.remove();
    if (!r) return;
    item.node.classList.remove('pending');
    setMsgStatus(item.node, '');
    // If the `message` event (same msgId) came first it is already shown and this copy is dropped.
    addMessage(r, { room: r.id, msgId: ack.msgId, seq: ack.seq, from: state.userId, text: item.text, ts: ack.ts }, item.node);
    advance(r);
  } catch (e) {
    if (e.code === 'DISCONNECTED') return setMsgStatus(item.node, 'waiting for connection…');
    if (e.code === 'RATE_LIMITED' && e.retryAfterMs) {
      setMsgStatus(item.node, 'rate limited, will retry…');
      return void setTimeout(() => outbox.has(item.clientMsgId) && trySend(item), e.retryAfterMs);
    }
    outbox.delete(item.clientMsgId);
    item.node.classList.add('failed');
    setMsgStatus(item.node, `not sent: ${e.message}`);
  }
}

// ---------- typing ----------

const typingOut = { room: null, lastOn: 0, timer: 0 };

function onComposerInput(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight, 160)}px`;
  const r = state.current;
  if (!r || !textarea.value.trim()) return stopTyping();
  if (typingOut.room !== r.id) stopTyping();
  if (Date.now() - typingOut.lastOn > 3000) { // throttle: at most one "on" per 3 s
    fire({ type: 'typing', room: r.id, on: true });
    Object.assign(typingOut, { room: r.id, lastOn: Date.now() });
  }
  clearTimeout(typingOut.timer);
  typingOut.timer = setTimeout(stopTyping, 4000);
}

function stopTyping() {
  clearTimeout(typingOut.timer);
  if (typingOut.room) fire({ type: 'typing', room: typingOut.room, on: false });
  Object.assign(typingOut, { room: null, lastOn: 0 });
}

function setTyping(r, user, on) {
  clearTimeout(r.typing.get(user));
  if (on) r.typing.set(user, setTimeout(() => setTyping(r, user, false), 6000)); // expire if "off" is lost
  else if (!r.typing.delete(user)) return;
  if (r === state.current) renderTyping();
}

function renderTyping() {
  const names = state.current ? [...state.current.typing.keys()].map(who) : [];
  $('#typing').textContent = !names.length ? ''
    : names.length === 1 ? `${names[0]} is typing…`
    : names.length <= 3 ? `${names.join(', ')} are typing…` : 'Several people are typing…';
}

// ---------- study focus timer ----------

const TIMER_MINUTES_DEFAULT = 25;
let timerTick = 0;

// Keeps the newest change; counts down from remainingMs as received, not from endsAt, because the
// browser's clock may differ from the grid's.
function applyTimer(r, t) {
  if (!t || (r.timer && t.changedAt < r.timer.changedAt)) return;
  r.timer = { ...t, localEndsAt: t.state === 'running' ? Date.now() + t.remainingMs : null };
  if (r === state.current) renderTimer();
}

function timerState(t) {
  if (!t) return 'not started';
  return t.state === 'running' && t.localEndsAt <= Date.now() ? 'ended' : t.state;
}

function timerRemaining(t) {
  const s = timerState(t);
  return s === 'running' ? t.localEndsAt - Date.now() : s === 'paused' ? t.remainingMs : 0;
}

function fmtDuration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600), m = Math.floor(total / 60) % 60, s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}

function renderTimer() {
  const r = state.current;
  const box = $('#timer');
  clearInterval(timerTick);
  box.hidden = r?.info.kind !== 'study';
  if (box.hidden) return;
  const s = timerState(r.timer);
  box.dataset.state = s;
  $('#timer-state').textContent = s;
  $('#timer-clock').textContent = s === 'running' || s === 'paused' ? fmtDuration(timerRemaining(r.timer)) : '';
  $('#timer-by').textContent = r.timer ? `changed by ${who(r.timer.changedBy)} · ${fmtTime(r.timer.changedAt)}` : '';
  for (const b of box.querySelectorAll('button[data-action]')) b.disabled = !timerAllows(s, b.dataset.action);
  if (s === 'running') timerTick = setInterval(tickTimer, 1000);
}

// The server's rules (README): start in any state, pause when running, resume when paused, end when not ended.
const TIMER_ALLOWED = { start: () => true, pause: (s) => s === 'running', resume: (s) => s === 'paused',
  end: (s) => s === 'running' || s === 'paused' };
const timerAllows = (s, action) => TIMER_ALLOWED[action](s);

function tickTimer() {
  const t = state.current?.timer;
  if (timerState(t) !== 'running') return renderTimer(); // it just ran out
  $('#timer-clock').textContent = fmtDuration(timerRemaining(t));
}

async function timerAction(action) {
  const r = state.current;
  if (!r) return;
  const body = { action };
  if (action === 'start') body.durationMs = Math.round(Number($('#timer-minutes').value || TIMER_MINUTES_DEFAULT) * 60_000);
  try {
    applyTimer(r, await api('POST', `/rooms/${encodeURIComponent(r.id)}/timer`, body));
  } catch (e) {
    toast(`Timer ${action} failed: ${e.message}`);
  }
}

// ---------- rendering of sidebar & header ----------

function selectRoom(r) {
  stopTyping();
  state.current = r;
  r.unread = 0;
  $('#message-list').replaceChildren(r.list);
  const composer = $('#composer');
  composer.elements.text.disabled = composer.querySelector('button').disabled = false;
  renderHeader();
  renderTyping();
  renderSidebar();
  $('#messages').scrollTop = $('#messages').scrollHeight;
  $('#chat-view').classList.remove('menu-open');
  scheduleRead(r);
  composer.elements.text.focus();
}

function showNoRoom() {
  $('#message-list').replaceChildren(el('p', { className: 'empty muted' }, 'Join or create a room to start chatting.'));
  const composer = $('#composer');
  composer.elements.text.disabled = composer.querySelector('button').disabled = true;
  renderHeader();
  renderTyping();
}

function renderSidebar() {
  const list = $('#my-rooms');
  if (!state.rooms.size) return list.replaceChildren(el('li', { className: 'muted' }, 'No rooms yet'));
  list.replaceChildren(...[...state.rooms.values()].map((r) => el('li', {},
    el('button', { type: 'button', className: r === state.current ? 'room-link active' : 'room-link', onclick: () => selectRoom(r) },
      el('span', { className: 'name' }, roomName(r)),
      el('span', { className: 'meta' }, r.info.kind || ''),
      r.unread ? el('span', { className: 'unread' }, String(r.unread)) : null))));
}

function renderHeader() {
  const r = state.current;
  $('#room-name').textContent = r ? roomName(r) : 'No room selected';
  $('#room-kind').hidden = !r?.info.kind;
  $('#room-kind').textContent = r?.info.kind || '';
  $('#room-topic').textContent = r?.info.topic || '';
  $('#room-id').textContent = r ? `id: ${r.id}` : '';
  $('#leave-room').hidden = !r;
  $('#leave-room').textContent = r && isDm(r) ? 'close' : 'leave';
  $('#load-older').hidden = !r || r.noOlder || r.oldestSeq == null || r.oldestSeq <= 1;
  $('#participants').replaceChildren(...(r ? [...r.participants] : []).slice(0, 30).map(participantChip));
  renderTimer();
}

// Another participant's name opens the dm with them (not in a dm: that is the dm already).
function participantChip(u) {
  const className = `chip ${u === state.userId ? 'online' : state.presence.get(u) || 'unknown'}`;
  if (u === state.userId || isDm(state.current)) return el('li', { className, title: u }, who(u));
  return el('li', { className },
    el('button', { type: 'button', className: 'link chip-link', title: `Message ${who(u)} directly (${u})`,
      onclick: () => openDm(u) }, who(u)));
}

// ---------- wiring ----------

function init() {
  $('#auth-form').addEventListener('submit', (e) => { e.preventDefault(); authenticate(e.submitter?.value || 'login'); });
  $('#logout').addEventListener('click', logout);
  $('#menu-toggle').addEventListener('click', () => $('#chat-view').classList.toggle('menu-open'));
  $('#refresh-rooms').addEventListener('click', loadActiveRooms);
  $('#load-older').addEventListener('click', loadOlder);
  $('#leave-room').addEventListener('click', () => state.current && leaveRoom(state.current));
  $('#join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = e.target.elements.roomId.value.trim();
    if (id) joinAndSelect(id).then(() => { e.target.elements.roomId.value = ''; });
  });
  $('#create-form').addEventListener('submit', (e) => { e.preventDefault(); createRoom(e.target); });
  for (const b of document.querySelectorAll('#timer button[data-action]')) {
    b.addEventListener('click', () => timerAction(b.dataset.action));
  }
  const composer = $('#composer');
  composer.elements.text.addEventListener('input', () => onComposerInput(composer.elements.text));
  composer.elements.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); composer.requestSubmit(); }
  });
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = composer.elements.text.value;
    if (!state.current || !text.trim()) return;
    stopTyping();
    sendMessage(text);
    composer.elements.text.value = '';
    onComposerInput(composer.elements.text);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.token) loadActiveRooms();
    if (state.current) scheduleRead(state.current);
  });

  if (state.token) startSession();
  else $('#auth-view').hidden = false;
}

init();
