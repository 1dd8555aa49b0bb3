// Balancer's live page: joins the live hub with a viewer's API key and keeps the warnings, queues
// and sequences of the key's tenant, with the directive the balancer gives each sequence, on screen
// as the server pushes them.
//
// The key comes from the address's fragment (#key=..., which browsers never send to a server) or
// from the form. The page keeps it in session storage, for reloads, and takes it out of the address
// at once, so it stays out of the history and of shared screens.
//
// The hub speaks SignalR's JSON protocol. Rather than ship a client library, this file talks it
// directly over a WebSocket: the page needs one server method (Join) and four client methods
// (warning, snapshot, directive, and ended, when the key is revoked), which takes a few dozen
// lines. Negotiation is skipped, which SignalR allows when the transport is WebSockets. A browser
// cannot set headers on a WebSocket, so the key travels as the access_token parameter, as
// SignalR's own clients send it; and since a refused upgrade looks like any dropped socket, the
// page first asks the hub's negotiate endpoint, which answers 401 or 403 plainly, whether the key
// is good.
'use strict';

(() => {
  // --- Protocol ---------------------------------------------------------------------------------

  /** Ends every SignalR JSON message; one WebSocket frame may carry several, or part of one. */
  const RECORD_SEPARATOR = '\u001e';

  const MessageType = Object.freeze({ Invocation: 1, Completion: 3, Ping: 6, Close: 7 });

  /** The server drops a client it has not heard from in 30 s, so we speak up well inside that. */
  const PING_EVERY_MS = 10_000;

  /** The server pings every 15 s; hearing nothing for longer than two of those means a dead link. */
  const SILENCE_LIMIT_MS = 35_000;

  /** Waits before reconnecting, growing while the server stays away; the last one repeats. */
  const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 15_000];

  const JOIN_ID = '1';

  const KEY_STORAGE = 'balancer.key';

  // --- What the server's numbers mean ----------------------------------------------------------

  /** WarningLevel, sent as a number: Normal=0, Warn=1, High=2, Critical=3. */
  const LEVELS = ['normal', 'warn', 'high', 'critical'];

  /** DirectiveGrade, sent as a number: what the balancer lets a sequence send. */
  const GRADES = ['normal', 'enrolments blocked', 'stretched', 'held', 'paused'];

  /** At most this many warnings stay on screen; older ones are of no use to an operator. */
  const MAX_WARNINGS = 50;

  // --- State -----------------------------------------------------------------------------------

  const view = {
    key: '',
    tenant: '',
    queues: new Map(), // queueId -> QueueFigures
    sequences: new Map(), // sequenceId -> SequenceFigures
    warnings: new Map(), // scope/subject/metric -> { warning, arrival }
    directives: new Map(), // sequenceId -> SequenceDirective
    arrivals: 0, // orders warnings raised at the same instant: the later arrival is newer
  };

  /** The connection in use; callbacks of an abandoned one check this and do nothing. */
  let current = null;
  let failures = 0;
  let reconnectTimer = 0;

  const elements = {};

  // --- Start -----------------------------------------------------------------------------------

  function start() {
    for (const id of ['key-form', 'key', 'tenant', 'status', 'warnings', 'warnings-empty', 'queue-rows',
      'sequence-rows']) {
      elements[id] = document.getElementById(id);
    }

    const fragment = new URLSearchParams(location.hash.slice(1)).get('key');
    if (fragment) {
      sessionStorage.setItem(KEY_STORAGE, fragment);
      history.replaceState(null, '', location.pathname + location.search);
    }

    elements['key-form'].addEventListener('submit', onKeySubmitted);
    watch(sessionStorage.getItem(KEY_STORAGE) ?? '');
  }

  function onKeySubmitted(event) {
    event.preventDefault();
    const key = elements.key.value.trim();
    elements.key.value = '';
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }

    watch(key);
  }

  /**
   * Shows the tenant of one key. The hub has no way to leave a tenant, so each key gets a fresh
   * connection.
   */
  function watch(key) {
    abandon(current);
    clearTimeout(reconnectTimer);
    failures = 0;
    view.key = key;
    view.tenant = '';
    elements.tenant.textContent = '';
    resetFigures();
    render();
    if (key) {
      connect();
    } else {
      setStatus('idle', 'no key');
    }
  }

  // --- Connection ------------------------------------------------------------------------------

  function hubUrl(key) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/hubs/live?access_token=${encodeURIComponent(key)}`;
  }

  /**
   * Whether the hub takes the key: null when it does, the reason when it refuses it for good. A
   * server that cannot be reached throws, and the page retries as for a dropped socket.
   */
  async function refusal(key) {
    const response = await fetch('/hubs/live/negotiate?negotiateVersion=1', {
      method: 'POST', headers: { Authorization: `Bearer ${key}` },
    });
    if (response.status === 401) {
      return 'the key was refused';
    }

    if (response.status === 403) {
      return 'the key does not hold the viewer role';
    }

    if (!response.ok) {
      throw new Error(`negotiate answered ${response.status}`);
    }

    return null;
  }

  async function connect() {
    const key = view.key;
    const attempt = { abandoned: false };
    current = attempt;
    setStatus('connecting', 'connecting…');
    let refused;
    try {
      refused = await refusal(key);
    } catch {
      if (current === attempt) {
        current = null;
        scheduleReconnect();
      }

      return;
    }

    if (current !== attempt) {
      return; // the key changed meanwhile
    }

    if (refused) {
      current = null;
      setStatus('error', `error: ${refused}`);
      return;
    }

    const connection = {
      socket: new WebSocket(hubUrl(key)),
      handshaken: false,
      buffer: '',
      heardAt: Date.now(),
      keepAlive: 0,
    };
    current = connection;

    connection.socket.onopen = () => send(connection, { protocol: 'json', version: 1 });
    connection.socket.onmessage = (event) => onData(connection, event.data);
    // A socket error is always followed by close, which is where reconnecting happens.
    connection.socket.onerror = () => {};
    connection.socket.onclose = () => onLost(connection, true);
    connection.keepAlive = setInterval(() => keepAlive(connection), PING_EVERY_MS);
  }

  function send(connection, message) {
    if (connection.socket.readyState === WebSocket.OPEN) {
      connection.socket.send(JSON.stringify(message) + RECORD_SEPARATOR);
    }
  }

  /** Pings the server so it keeps us, and gives up on a server that has gone quiet. */
  function keepAlive(connection) {
    if (Date.now() - connection.heardAt > SILENCE_LIMIT_MS) {
      // A half-open socket may take minutes to report its close; do not wait for it.
      onLost(connection, true);
      return;
    }

    send(connection, { type: MessageType.Ping });
  }

  /** Closes a connection without reconnecting it, e.g. because the key changed. */
  function abandon(connection) {
    if (!connection?.socket) {
      if (current === connection) {
        current = null;
      }

      return;
    }

    clearInterval(connection.keepAlive);
    connection.socket.onclose = null;
    connection.socket.onmessage = null;
    connection.socket.close();
    if (current === connection) {
      current = null;
    }
  }

  function onLost(connection, reconnect) {
    if (current !== connection) {
      return;
    }

    abandon(connection);
    if (reconnect) {
      scheduleReconnect();
    }
  }

  function scheduleReconnect() {
    const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
    failures += 1;
    setStatus('reconnecting', `reconnecting in ${Math.ceil(delay / 1000)} s`);
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(connect, delay);
  }

  // --- Messages --------------------------------------------------------------------------------

  function onData(connection, data) {
    if (current !== connection) {
      return;
    }

    connection.heardAt = Date.now();
    connection.buffer += data;
    const parts = connection.buffer.split(RECORD_SEPARATOR);
    // Whatever follows the last separator is the start of a message still on its way.
    connection.buffer = parts.pop();
    for (const part of parts) {
      if (current !== connection) {
        return; // a message closed this connection; the rest is for nobody
      }

      let message;
      try {
        message = JSON.parse(part);
      } catch {
        console.warn('live: not JSON, ignored', part);
        continue;
      }

      if (connection.handshaken) {
        onMessage(connection, message);
      } else {
        onHandshake(connection, message);
      }
    }
  }

  /** The server's first message answers the handshake: empty when it accepts, with an error otherwise. */
  function onHandshake(connection, reply) {
    if (reply.error) {
      fail(connection, `handshake refused: ${reply.error}`);
      return;
    }

    connection.handshaken = true;
    setStatus('joining', 'joining…');
    send(connection, {
      type: MessageType.Invocation, invocationId: JOIN_ID, target: 'Join', arguments: [],
    });
  }

  function onMessage(connection, message) {
    switch (message.type) {
      case MessageType.Invocation:
        onInvocation(connection, message);
        break;
      case MessageType.Completion:
        onCompletion(connection, message);
        break;
      case MessageType.Ping:
        break; // already counted as hearing from the server
      case MessageType.Close:
        onClose(connection, message);
        break;
      default:
        break; // a message type this page has no use for
    }
  }

  function onInvocation(connection, message) {
    const [argument] = message.arguments ?? [];
    if (!argument) {
      return;
    }

    if (message.target === 'warning') {
      mergeWarnings([argument]);
      renderWarnings();
    } else if (message.target === 'directive') {
      view.directives.set(argument.sequenceId, argument);
      renderSequences();
    } else if (message.target === 'snapshot') {
      mergeSnapshot(argument);
      renderQueues();
      renderSequences();
    } else if (message.target === 'ended') {
      // The key was revoked or the token expired: the same key would be refused again.
      fail(connection, argument);
    }
  }

  /** The Join result: the tenant as it stands, which replaces whatever the page showed before. */
  function onCompletion(connection, message) {
    if (message.invocationId !== JOIN_ID) {
      return;
    }

    if (message.error) {
      // The server refused to join; retrying would be refused again.
      fail(connection, message.error);
      return;
    }

    failures = 0;
    resetFigures();
    view.tenant = message.result?.tenantId ?? '';
    elements.tenant.textContent = view.tenant;
    mergeSnapshot(message.result);
    mergeWarnings(message.result?.warnings ?? []);
    for (const directive of message.result?.directives ?? []) {
      view.directives.set(directive.sequenceId, directive);
    }

    render();
    setStatus('live', 'live');
  }

  function onClose(connection, message) {
    if (message.error && message.allowReconnect === false) {
      fail(connection, message.error);
      return;
    }

    onLost(connection, true);
  }

  function fail(connection, reason) {
    onLost(connection, false);
    setStatus('error', `error: ${reason}`);
  }

  // --- Figures ---------------------------------------------------------------------------------

  function resetFigures() {
    view.queues.clear();
    view.sequences.clear();
    view.warnings.clear();
    view.directives.clear();
  }

  /** Snapshots carry only what changed, so merge them by id rather than replace. */
  function mergeSnapshot(snapshot) {
    for (const queue of snapshot?.queues ?? []) {
      view.queues.set(queue.queueId, queue);
    }

    for (const sequence of snapshot?.sequences ?? []) {
      view.sequences.set(sequence.sequenceId, sequence);
    }
  }

  /** A newer warning about the same figure replaces the older one, as the server's tenant view does. */
  function mergeWarnings(warnings) {
    for (const warning of warnings) {
      const key = `${warning.scope}/${warning.subjectId}/${warning.metric}`;
      view.arrivals += 1;
      view.warnings.set(key, { warning, arrival: view.arrivals });
    }
  }

  // --- Formatting ------------------------------------------------------------------------------

  const DASH = '—';

  function isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
  }

  function fixed(value, decimals) {
    return isNumber(value) ? value.toFixed(decimals) : DASH;
  }

  function whole(value) {
    return fixed(value, 0);
  }

  /** Rates arrive as fractions of 1. */
  function percent(fraction) {
    return isNumber(fraction) ? `${(fraction * 100).toFixed(1)}%` : DASH;
  }

  function levelName(level) {
    return LEVELS[level] ?? 'normal';
  }

  /** A warning back at Normal is a recovery; it reads better called that. */
  function warningLevelName(level) {
    return level === 0 ? 'recovered' : levelName(level);
  }

  /** HH:MM:SS in UTC, the clock the server's messages use. */
  function timeOfDay(iso) {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? '' : at.toISOString().slice(11, 19);
  }

  // --- Rendering -------------------------------------------------------------------------------

  /** Each column: the data-field of its cell and the cell's text; numeric ones align right. */
  const QUEUE_COLUMNS = [
    { field: 'queue', text: (q) => q.queueId },
    { field: 'depth', numeric: true, text: (q) => whole(q.depth) },
    { field: 'oldest-wait', numeric: true, text: (q) => fixed(q.oldestWaitSeconds, 1) },
    { field: 'p50', numeric: true, text: (q) => fixed(q.firstResponseP50Seconds?.oneHour, 1) },
    { field: 'p90', numeric: true, text: (q) => fixed(q.firstResponseP90Seconds?.oneHour, 1) },
    { field: 'breach-rate', numeric: true, text: (q) => percent(q.breachRate?.oneHour) },
    { field: 'level', text: (q) => levelName(q.level), className: (q) => `level-${levelName(q.level)}` },
  ];

  const SEQUENCE_COLUMNS = [
    { field: 'sequence', text: (s) => s.sequenceId },
    { field: 'sends', numeric: true, text: (s) => whole(s.total?.sends?.oneHour) },
    { field: 'replies', numeric: true, text: (s) => whole(s.total?.replies?.oneHour) },
    { field: 'human-share', numeric: true, text: (s) => percent(s.total?.humanShare?.oneHour) },
    { field: 'breaches', numeric: true, text: (s) => whole(s.total?.breaches?.oneHour) },
    {
      field: 'directive',
      text: (s) => GRADES[view.directives.get(s.sequenceId)?.grade ?? 0] ?? DASH,
      className: (s) => `grade-${view.directives.get(s.sequenceId)?.grade ?? 0}`,
    },
  ];

  function render() {
    renderWarnings();
    renderQueues();
    renderSequences();
  }

  function renderQueues() {
    renderTable(elements['queue-rows'], 'queue', view.queues, QUEUE_COLUMNS, 'No queues.',
      (row, q) => {
        row.className = `level-${levelName(q.level)}`;
        row.title = q.displayName && q.displayName !== q.queueId ? q.displayName : '';
      });
  }

  function renderSequences() {
    renderTable(elements['sequence-rows'], 'sequence', view.sequences, SEQUENCE_COLUMNS, 'No sequences.',
      (row, s) => {
        row.title = s.displayName && s.displayName !== s.sequenceId ? s.displayName : '';
        const reason = view.directives.get(s.sequenceId)?.reason ?? '';
        const cell = row.querySelector('td[data-field="directive"]');
        if (cell.title !== reason) {
          cell.title = reason;
        }
      });
  }

  /**
   * Updates the rows of a table in place, one per item, sorted by id. Rows are kept rather than
   * rebuilt so that a glance (or a selection, or a test) is not thrown by elements being replaced.
   */
  function renderTable(body, kind, items, columns, emptyText, decorate) {
    const rows = new Map();
    for (const row of body.querySelectorAll(`tr[data-${kind}]`)) {
      rows.set(row.dataset[kind], row);
    }

    for (const [id, row] of rows) {
      if (!items.has(id)) {
        row.remove();
      }
    }

    const ids = [...items.keys()].sort();
    for (const id of ids) {
      const row = rows.get(id) ?? newRow(kind, id, columns);
      fillRow(row, items.get(id), columns);
      decorate(row, items.get(id));
      body.appendChild(row); // moves a kept row into its sorted place
    }

    let empty = body.querySelector('tr.empty-row');
    if (ids.length > 0) {
      empty?.remove();
    } else if (!empty) {
      empty = document.createElement('tr');
      empty.className = 'empty-row';
      const cell = empty.insertCell();
      cell.colSpan = columns.length;
      cell.textContent = emptyText;
      body.appendChild(empty);
    }
  }

  function newRow(kind, id, columns) {
    const row = document.createElement('tr');
    row.dataset[kind] = id;
    for (const column of columns) {
      const cell = row.insertCell();
      cell.dataset.field = column.field;
      if (column.numeric) {
        cell.classList.add('num');
      }
    }

    return row;
  }

  function fillRow(row, item, columns) {
    columns.forEach((column, i) => {
      const cell = row.cells[i];
      const text = column.text(item) ?? DASH;
      if (cell.textContent !== text) {
        cell.textContent = text;
      }

      if (column.className) {
        cell.className = column.className(item);
      }
    });
  }

  /** Newest first: by the time the server raised them, then by arrival for those raised together. */
  function renderWarnings() {
    const entries = [...view.warnings.values()].sort((a, b) =>
      (Date.parse(b.warning.raisedAt) || 0) - (Date.parse(a.warning.raisedAt) || 0) || b.arrival - a.arrival);
    const items = entries.slice(0, MAX_WARNINGS).map(({ warning }) => warningItem(warning));
    elements.warnings.replaceChildren(...items);
    elements['warnings-empty'].hidden = items.length > 0;
  }

  function warningItem(warning) {
    const item = document.createElement('li');
    item.className = `warning level-${warningLevelName(warning.level)}`;
    item.dataset.scope = warning.scope;
    item.dataset.subject = warning.subjectId;
    item.dataset.metric = String(warning.metric);
    // The time is shown by the stylesheet from this attribute, so the item's text stays
    // exactly the server's sentence.
    item.dataset.time = timeOfDay(warning.raisedAt);
    item.title = `raised ${warning.raisedAt}`;
    item.textContent = warning.message;
    return item;
  }

  function setStatus(state, text) {
    elements.status.dataset.state = state;
    elements.status.textContent = text;
    document.body.dataset.connection = state;
  }

  document.addEventListener('DOMContentLoaded', start);
})();
