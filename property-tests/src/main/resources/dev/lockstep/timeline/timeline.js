// Lockstep timeline: draws the model in #lockstep-data (see TimelineModel) as SVG.
// Rules: data is inserted with textContent and setAttribute only, never as markup; nothing is
// fetched; every error is also written to #lockstep-errors, which tests read.
// State (axis mode, zoom, search) can be given in the address: #mode=step&zoom=40&q=worker.
(function () {
  'use strict';
  const errors = document.getElementById('lockstep-errors');
  function recordError(text) {
    errors.textContent += text + '\n';
    errors.setAttribute('data-count', String(Number(errors.getAttribute('data-count') || '0') + 1));
  }
  window.addEventListener('error', function (ev) {
    recordError('error: ' + ev.message + ' at ' + ev.filename + ':' + ev.lineno);
  });
  window.addEventListener('unhandledrejection', function (ev) {
    recordError('unhandled rejection: ' + String(ev.reason));
  });
  document.addEventListener('securitypolicyviolation', function (ev) {
    recordError('blocked by the content security policy: ' + ev.violatedDirective + ' ' + ev.blockedURI);
  });

  const SVG = 'http://www.w3.org/2000/svg';
  const AXIS_H = 46, GROUP_H = 20, LANE_H = 26, PAD = 10, FAILURE_ROOM = 280, LABELS_W = 220;
  const LABEL_ZOOM = 34, MIN_UNIT = 0.3, MAX_UNIT = 120;

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) { e.setAttribute(k, String(attrs[k])); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function html(name, cls, text, parent) {
    const e = document.createElement(name);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function titled(e, text) { el('title', {}, e).textContent = text; return e; }
  function eventLine(data, i) {
    const ev = data.events[i];
    return 'step ' + ev.s + ' \u00b7 t=' + ev.t + ' \u00b7 ' + ev.d;
  }
  function shorten(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  // Short text drawn under a mark at a readable zoom.
  const SHORT = {
    'poll-ready': 'Ready', 'poll-pending': 'Pending', 'poll-failed': 'threw', 'wake': 'wake', 'spawn': 'spawn',
    'end-ok': 'end', 'end-failed': 'FAILED', 'end-aborted': 'aborted', 'timer-set': 'timer', 'timer-fired': 'fired',
    'timer-cancelled': 'cancel', 'net-send': 'send', 'net-deliver': 'recv', 'net-drop': 'drop', 'net-fault': 'fault',
    'net': 'net', 'fault': 'fault', 'note': 'note', 'choice': 'choice'
  };

  // ---- state -------------------------------------------------------------------------------
  function readHash() {
    const out = {};
    const h = (location.hash || '').replace(/^#/, '');
    h.split('&').forEach(function (kv) {
      const i = kv.indexOf('=');
      if (i > 0) {
        try { out[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' ')); } catch (e) { /* ignore */ }
      }
    });
    return out;
  }

  // ---- rows: the axis, then lanes, with a header row before each host group -----------------
  function planRows(lanes, visible) {
    const rows = [];
    let y = AXIS_H, prevHost;
    visible.forEach(function (i, n) {
      const lane = lanes[i];
      if (lane.host !== null && (n === 0 || prevHost === undefined || prevHost !== lane.host)) {
        rows.push({ group: lane.host, y: y, h: GROUP_H });
        y += GROUP_H;
      }
      prevHost = lane.host === null ? undefined : lane.host;
      rows.push({ lane: i, y: y, h: LANE_H });
      y += LANE_H;
    });
    return { rows: rows, height: y + 4 };
  }

  function drawLabels(container, data, plan, culprits, st) {
    container.textContent = '';
    const axisLabel = st.mode === 'time' ? 'virtual time \u2192' : 'trace order (by step) \u2192';
    html('div', 'axis-label', axisLabel, container).style.height = AXIS_H + 'px';
    plan.rows.forEach(function (row) {
      let d;
      if (row.lane === undefined) {
        d = html('div', 'group', row.group === '' ? 'no host' : 'host ' + row.group, container);
        d.setAttribute('data-group', row.group);
      } else {
        const lane = data.lanes[row.lane];
        const c = culprits[row.lane];
        d = html('div', 'lane-label ' + lane.kind + (c ? ' culprit' : ''), undefined, container);
        d.setAttribute('data-lane-label', lane.key);
        if (c) {
          d.setAttribute('data-culprit', c.reason);
          html('span', 'badge', c.reason.toUpperCase(), d);
        }
        html('span', 'name', lane.label, d);
        d.title = (c ? c.reason + ': ' : '') + lane.label;
      }
      d.style.height = row.h + 'px';
      d.style.lineHeight = row.h + 'px';
    });
  }

  function shape(kind, cx, cy, w, parent) {
    const h = w / 2;
    switch (kind) {
      case 'poll-ready': case 'poll-pending': case 'poll-failed':
        return el('rect', { x: cx - h, y: cy - 7, width: w, height: 14, rx: 1.5 }, parent);
      case 'end-ok': case 'end-failed': case 'end-aborted':
        return el('rect', { x: cx - 4, y: cy - 4, width: 8, height: 8 }, parent);
      case 'spawn':
        return el('path', { d: 'M' + (cx - 4) + ',' + (cy - 6) + 'L' + (cx + 4) + ',' + cy + 'L' + (cx - 4) + ',' + (cy + 6) + 'Z' }, parent);
      case 'timer-set': case 'timer-fired': case 'timer-cancelled':
        return el('path', { d: 'M' + cx + ',' + (cy - 5) + 'L' + (cx + 5) + ',' + cy + 'L' + cx + ',' + (cy + 5) + 'L' + (cx - 5) + ',' + cy + 'Z' }, parent);
      case 'fault': case 'net-fault':
        return el('path', { d: 'M' + cx + ',' + (cy - 8) + 'L' + (cx + 6) + ',' + cy + 'L' + cx + ',' + (cy + 8) + 'L' + (cx - 6) + ',' + cy + 'Z' }, parent);
      case 'net-drop':
        return el('path', { d: 'M' + (cx - 5) + ',' + (cy - 5) + 'h3l2,3l2,-3h3l-3.5,5l3.5,5h-3l-2,-3l-2,3h-3l3.5,-5Z' }, parent);
      case 'choice':
        return el('rect', { x: cx - 1, y: cy - 4, width: 2, height: 8 }, parent);
      default: // wake, net-send, net-deliver, net, note
        return el('circle', { cx: cx, cy: cy, r: kind === 'wake' ? 2.5 : 3.5 }, parent);
    }
  }

  function arrowHead(x1, y1, x2, y2, cls, parent) {
    const a = Math.atan2(y2 - y1, x2 - x1), s = 6;
    const p = [x2, y2, x2 - s * Math.cos(a - 0.45), y2 - s * Math.sin(a - 0.45),
      x2 - s * Math.cos(a + 0.45), y2 - s * Math.sin(a + 0.45)];
    return el('path', { d: 'M' + p[0] + ',' + p[1] + 'L' + p[2] + ',' + p[3] + 'L' + p[4] + ',' + p[5] + 'Z', class: cls }, parent);
  }

  function axisWidth(data, st) {
    if (st.mode === 'time') { return data.failure ? data.failure.tx + 1 : data.time.width; }
    return data.width;
  }

  function drawChart(container, data, plan, st, view) {
    const time = st.mode === 'time', unit = st.unit;
    const at = function (o, stepKey, timeKey) { return time ? o[timeKey] : o[stepKey]; };
    const laneY = {};
    plan.rows.forEach(function (r) { if (r.lane !== undefined) { laneY[r.lane] = r.y + r.h / 2; } });
    const px = function (x) { return PAD + x * unit + unit / 2; };
    const width = Math.ceil(px(axisWidth(data, st)) + PAD + (data.failure ? FAILURE_ROOM : 0));
    const svg = el('svg', { width: width, height: plan.height, role: 'img', 'aria-label': 'timeline' }, container);
    const bg = el('g', { class: 'backgrounds' }, svg);
    plan.rows.forEach(function (r) {
      const culprit = r.lane !== undefined && view.culprits[r.lane];
      el('rect', { x: 0, y: r.y, width: width, height: r.h,
        class: r.lane === undefined ? 'group-bg' : 'lane-bg' + (r.lane % 2 ? ' odd' : '') + (culprit ? ' culprit' : '') }, bg);
    });

    // Folded idle gaps (time axis only).
    if (time) {
      const folds = el('g', { class: 'folds' }, svg);
      data.time.folds.forEach(function (f) {
        const x = px(f.x) - unit / 2, w = f.w * unit;
        const g = el('g', { class: 'fold', 'data-from': f.from, 'data-to': f.to }, folds);
        el('rect', { x: x, y: 0, width: w, height: plan.height, class: 'fold-bg' }, g);
        let zig = 'M' + (x + w / 2) + ',0';
        for (let y = 0; y < plan.height; y += 8) { zig += 'l' + (y / 8 % 2 ? -3 : 3) + ',8'; }
        el('path', { d: zig, class: 'fold-zig' }, g);
        if (w >= 18) {
          el('text', { x: x + w / 2, y: AXIS_H - 4, class: 'fold-label', 'text-anchor': 'middle' }, g).textContent = '\u2026';
        }
        titled(g, 'folded: ' + f.label + ' (' + f.from + ' \u2192 ' + f.to + ')');
        const label = el('text', { x: x + w / 2 + 3, y: plan.height - 6, class: 'fold-label' }, g);
        label.textContent = f.label;
      });
    }

    const bands = el('g', { class: 'bands' }, svg);
    data.marks.forEach(function (m) {
      if ((m.k === 'fault' || m.k === 'net-fault') && view.shown[m.l]) {
        titled(el('rect', { x: px(at(m, 'x', 'tx')) - Math.max(unit, 4) / 2, y: AXIS_H, width: Math.max(unit, 4),
          height: plan.height - AXIS_H, class: 'band', 'data-e': m.e }, bands), eventLine(data, m.e));
      }
    });

    // Ticks: on the time axis, the start of each instant and round times inside the gaps; on the
    // step axis, each change of virtual time.
    const ticks = el('g', { class: 'ticks' }, svg);
    let lastLabel = -1e9;
    const instants = time ? data.time.instants : data.ticks;
    instants.forEach(function (t) {
      const x = px(t.x) - unit / 2;
      const g = el('g', { class: 'tick instant' + (t.e >= 0 ? ' clock' : '') }, ticks);
      el('line', { x1: x, y1: AXIS_H - 8, x2: x, y2: plan.height }, g);
      const text = 't=' + t.t;
      if (x >= lastLabel) { // labels never overlap: about 6 px a character
        el('text', { x: x + 2, y: AXIS_H - 12, class: 'instant-label' }, g).textContent = text;
        lastLabel = x + 6 + text.length * 6;
      }
      if (t.e >= 0) { g.setAttribute('data-e', t.e); titled(g, eventLine(data, t.e)); }
    });
    if (time) {
      let lastTimeLabel = -1e9;
      data.time.ticks.forEach(function (t) {
        const x = px(t.x) - unit / 2;
        const g = el('g', { class: 'tick time-tick', 'data-t': t.n, 'data-g': t.g, 'data-px': x.toFixed(3) }, ticks);
        el('line', { x1: x, y1: AXIS_H - 5, x2: x, y2: plan.height }, g);
        if (x >= lastTimeLabel) {
          el('text', { x: x + 2, y: AXIS_H - 1, class: 'time-label' }, g).textContent = t.t;
          lastTimeLabel = x + 10 + t.t.length * 6;
        }
      });
    }

    // The failure's decisions: the non-zero choices, flagged on the axis.
    const decisions = el('g', { class: 'decisions' }, svg);
    const rowEnd = [-1e9, -1e9];
    data.decisions.forEach(function (d) {
      const x = px(at(d, 'x', 'tx'));
      const g = el('g', { class: 'decision' + (d.traced ? ' traced' : ''), 'data-i': d.i }, decisions);
      if (d.e >= 0) { g.setAttribute('data-e', d.e); }
      el('path', { d: 'M' + x + ',' + (AXIS_H - 2) + 'V4h7l-2,3l2,3h-7', class: 'flag' }, g);
      for (let row = 0; row < rowEnd.length; row++) { // labels on two rows, none over another
        if (x + 9 >= rowEnd[row]) {
          el('text', { x: x + 9, y: 12 + row * 11, class: 'decision-label' }, g).textContent = d.label;
          rowEnd[row] = x + 9 + d.label.length * 6 + 6;
          break;
        }
      }
      titled(g, 'decision of the failure: ' + d.label + (d.traced ? ' (' + eventLine(data, d.e) + ')'
        : d.e >= 0 ? ' (drawn by the run\u2019s code after ' + eventLine(data, d.e) + ')'
          : ' (drawn by the run\u2019s code before its first schedule choice)'));
    });

    // Spans: runnable (woken, waiting for its poll) and pending (waiting for a wake).
    const spans = el('g', { class: 'spans' }, svg);
    data.spans.forEach(function (s) {
      if (!view.shown[s.l]) { return; }
      const x1 = px(at(s, 'x', 'tx')), x2 = px(at(s, 'x2', 'tx2'));
      const y = laneY[s.l];
      const pending = s.k === 'pending';
      const r = el('rect', { x: x1, y: y - (pending ? 5 : 2), width: Math.max(1, x2 - x1), height: pending ? 10 : 4,
        class: 'span ' + s.k + (s.culprit ? ' culprit' : ''), 'data-e': s.from, 'data-lane': data.lanes[s.l].key }, spans);
      const ev = data.events[s.from];
      const woken = s.to >= 0 && data.events[s.to].d.indexOf('wake ') === 0;
      const until = s.to >= 0 ? ' until step ' + data.events[s.to].s + ', t=' + data.events[s.to].t : ' until the end of the run';
      titled(r, (pending ? 'pending since step ' : 'runnable since step ') + ev.s + ', t=' + ev.t + until +
        (s.culprit ? (woken ? ' (its last Pending)' : ' (its last Pending: nothing woke it)') : ''));
      if (s.culprit && x2 - x1 > 60) {
        el('text', { x: x1 + 8, y: y - 7, class: 'culprit-label' }, spans).textContent =
          woken ? 'last Pending' : 'last Pending \u2014 never woken';
      }
    });

    const arrows = el('g', { class: 'arrows' }, svg);
    const lastLabelAt = {}; // by arrow kind: labels closer than 40 px are left to the tooltip
    data.arrows.forEach(function (a) {
      if (!view.shown[a.fl] || !view.shown[a.tl]) { return; }
      const x1 = px(at(a, 'fx', 'ftt')), x2 = px(at(a, 'tx', 'ttt'));
      let y1 = laneY[a.fl], y2 = laneY[a.tl];
      const g = el('g', { class: 'arrow-group', 'data-e': a.e, 'data-arrow': a.k,
        'data-from': data.lanes[a.fl].key, 'data-to': data.lanes[a.tl].key }, arrows);
      titled(g, eventLine(data, a.e) + (a.label ? ' (' + a.label + ')' : ''));
      const head = a.k.indexOf('wake') === 0 ? 'head-wake' : a.k === 'drop' ? 'head-drop' : 'head-message';
      if (a.fl === a.tl && x1 === x2) { return; }
      if (a.fl === a.tl) { // same lane: an arc above it
        const top = y1 - LANE_H * 0.9;
        el('path', { d: 'M' + x1 + ',' + y1 + 'Q' + (x1 + x2) / 2 + ',' + top + ' ' + x2 + ',' + y2, class: 'arrow ' + a.k }, g);
        arrowHead((x1 + x2) / 2, top, x2, y2, head, g);
      } else {
        const dir = y2 > y1 ? 1 : -1;
        y1 += dir * 4; y2 -= dir * 7;
        if (x2 - x1 > 8) { // a curve leaving and arriving vertically
          const my = (y1 + y2) / 2;
          el('path', { d: 'M' + x1 + ',' + y1 + 'C' + x1 + ',' + my + ' ' + x2 + ',' + my + ' ' + x2 + ',' + y2,
            class: 'arrow ' + a.k }, g);
          arrowHead(x2, my, x2, y2, head, g);
        } else {
          el('line', { x1: x1, y1: y1, x2: x2, y2: y2, class: 'arrow ' + a.k }, g);
          arrowHead(x1, y1, x2, y2, head, g);
        }
      }
      if (a.label && !(Math.abs((x1 + x2) / 2 - lastLabelAt[a.k]) < 40)) {
        el('text', { x: (x1 + x2) / 2 + 3, y: (y1 + y2) / 2 - 2, class: 'arrow-label ' + a.k }, g).textContent = a.label;
        lastLabelAt[a.k] = (x1 + x2) / 2;
      }
    });

    const laneGroups = data.lanes.map(function (lane, i) {
      if (!view.shown[i]) { return null; }
      const g = el('g', { class: 'lane', 'data-lane': lane.key, 'data-kind': lane.kind }, svg);
      if (lane.host !== null) { g.setAttribute('data-host', lane.host); }
      if (lane.task >= 0) { g.setAttribute('data-task', lane.task); }
      if (view.culprits[i]) { g.setAttribute('data-culprit', view.culprits[i].reason); }
      return g;
    });
    const w = Math.max(2, Math.min(unit >= LABEL_ZOOM ? 30 : 10, unit * 0.7));
    const labels = unit >= LABEL_ZOOM;
    data.marks.forEach(function (m) {
      const g = laneGroups[m.l];
      if (!g) { return; }
      const x = px(at(m, 'x', 'tx'));
      const s = shape(m.k, x, laneY[m.l], w, g);
      let cls = 'mark k-' + m.k + (m.e === st.selected ? ' selected' : '');
      if (st.query) { cls += view.matches[m.e] ? ' match' : ' dim'; }
      if (view.lastPending[m.e]) { cls += ' last-pending'; }
      s.setAttribute('class', cls);
      s.setAttribute('data-e', m.e);
      titled(s, eventLine(data, m.e) + (view.lastPending[m.e] ? ' \u2014 the last Pending of a culprit' : ''));
      if (labels) {
        el('text', { x: x, y: laneY[m.l] + 12, class: 'mark-label', 'text-anchor': 'middle' }, g).textContent =
          SHORT[m.k] || m.k;
      }
      if (view.lastPending[m.e]) {
        el('circle', { cx: x, cy: laneY[m.l], r: 10, class: 'last-pending-ring' }, g);
      }
    });
    if (data.failure) {
      const f = data.failure, x = px(at(f, 'x', 'tx'));
      const g = el('g', { class: 'failure-mark', 'data-failure': 'true' }, svg);
      el('line', { x1: x, y1: 4, x2: x, y2: plan.height, class: 'failure-line' }, g);
      // The first line without the exception's package: "TaskFailedException: task ... failed".
      const first = f.text.split('\n')[0].replace(/^([a-z_$][\w$]*\.)+(?=[A-Z])/, '');
      el('text', { x: x + 4, y: 14, class: 'failure-label' }, g).textContent = '\u2717 failure';
      const ly = f.l >= 0 && laneY[f.l] !== undefined ? laneY[f.l] : AXIS_H + 12;
      el('text', { x: x + 4, y: ly + 4, class: 'failure-label' }, g).textContent = shorten(first, 48);
      titled(g, f.text);
    }
    return svg;
  }

  function legend(parent) {
    const box = html('div', 'legend', undefined, parent);
    [['poll-ready', 'poll \u2192 Ready'], ['poll-pending', 'poll \u2192 Pending'], ['poll-failed', 'poll threw'],
      ['wake', 'wake'], ['spawn', 'spawn'], ['end-ok', 'end'], ['timer-set', 'timer set'], ['timer-fired', 'timer fired'],
      ['net-send', 'send/deliver'], ['net-drop', 'drop'], ['fault', 'fault'], ['note', 'note'], ['choice', 'choice']]
      .forEach(function (k) {
        const span = html('span', '', undefined, box);
        const svg = el('svg', { viewBox: '-7 -8 14 16' }, span);
        shape(k[0], 0, 0, 6, svg).setAttribute('class', 'k-' + k[0]);
        html('span', '', k[1], span);
      });
    [['span-runnable', 'runnable'], ['span-pending', 'pending'], ['span-culprit', 'culprit\u2019s last wait']]
      .forEach(function (k) { html('span', 'swatch ' + k[0], k[1], box); });
  }

  function main() {
    const data = JSON.parse(document.getElementById('lockstep-data').textContent);
    const root = document.getElementById('timeline');
    const hash = readHash();
    const st = {
      mode: hash.mode === 'step' ? 'step' : 'time',
      unit: 0,
      query: (hash.q || '').trim(),
      selected: -1
    };

    const culprits = {};
    const lastPending = {};
    data.culprits.forEach(function (c) {
      if (c.l >= 0) { culprits[c.l] = c; }
      if (c.lastPending >= 0) { lastPending[c.lastPending] = true; }
    });
    const laneOfEvent = {};
    data.marks.forEach(function (m) { (laneOfEvent[m.l] = laneOfEvent[m.l] || []).push(m.e); });

    const controls = html('div', 'controls', undefined, root);
    const modeBox = html('span', 'modes', undefined, controls);
    const byTime = html('button', 'mode', 'virtual time', modeBox), byStep = html('button', 'mode', 'by step', modeBox);
    byTime.title = 'a true virtual-time axis; long idle gaps are folded'; byStep.title = 'one unit per event, in trace order';
    const zoomOut = html('button', '', '\u2212', controls), zoomIn = html('button', '', '+', controls);
    const fit = html('button', '', 'fit', controls);
    zoomOut.title = 'zoom out (or the mouse wheel)'; zoomIn.title = 'zoom in (or the mouse wheel)';
    fit.title = 'fit the run to the window';
    const search = html('input', 'search', undefined, controls);
    search.type = 'search'; search.placeholder = 'filter lanes and events'; search.value = st.query;
    search.setAttribute('aria-label', 'filter lanes and events');
    const found = html('span', 'found', '', controls);
    legend(controls);
    const frame = html('div', 'frame', undefined, root);
    const labelsBox = html('div', 'labels', undefined, frame);
    const chart = html('div', 'chart', undefined, frame);
    const detail = html('div', 'detail mono', 'Hover over a mark to see its event; click to pin it. ' +
      'Wheel: zoom; drag: pan.', root);

    const view = { culprits: culprits, lastPending: lastPending, shown: {}, matches: {} };
    const computeView = function () {
      const q = st.query.toLowerCase();
      view.shown = {};
      view.matches = {};
      const visible = [];
      if (q) {
        data.events.forEach(function (e, i) { if (e.d.toLowerCase().indexOf(q) >= 0) { view.matches[i] = true; } });
      }
      data.lanes.forEach(function (lane, i) {
        let show = !q || lane.label.toLowerCase().indexOf(q) >= 0 || lane.key.toLowerCase().indexOf(q) >= 0 ||
          (culprits[i] && culprits[i].reason.indexOf(q) >= 0);
        if (!show) { show = (laneOfEvent[i] || []).some(function (e) { return view.matches[e]; }); }
        if (show) { view.shown[i] = true; visible.push(i); }
      });
      return visible;
    };

    const fitUnit = function () {
      const room = Math.max(300, (frame.clientWidth || 1200) - LABELS_W - 10 - (data.failure ? FAILURE_ROOM : 0));
      return Math.max(MIN_UNIT, Math.min(24, room / Math.max(1, axisWidth(data, st))));
    };
    const zoomParam = Number(hash.zoom);
    st.unit = zoomParam > 0 ? Math.max(MIN_UNIT, Math.min(MAX_UNIT, zoomParam)) : fitUnit();

    let pending = false;
    const redraw = function () {
      pending = false;
      const visible = computeView();
      const plan = planRows(data.lanes, visible);
      drawLabels(labelsBox, data, plan, culprits, st);
      chart.textContent = '';
      drawChart(chart, data, plan, st, view);
      byTime.classList.toggle('on', st.mode === 'time');
      byStep.classList.toggle('on', st.mode === 'step');
      found.textContent = st.query ? visible.length + ' of ' + data.lanes.length + ' lanes' : '';
      root.setAttribute('data-mode', st.mode);
      root.setAttribute('data-unit', st.unit.toFixed(2));
      root.setAttribute('data-visible-lanes', String(visible.length));
      root.setAttribute('data-query', st.query);
    };
    // One redraw for a burst of changes: on the next frame, or after 50 ms where no frame comes (a
    // page that is not being painted). A zoom keeps the axis point under the pointer in place.
    let anchor = null;
    const flush = function () {
      if (!pending) { return; }
      redraw();
      if (anchor) { frame.scrollLeft = Math.max(0, PAD + anchor.axisAt * st.unit - anchor.viewX); }
      anchor = null;
      remember();
    };
    const later = function () {
      if (!pending) { pending = true; requestAnimationFrame(flush); setTimeout(flush, 50); }
    };
    const remember = function () {
      const parts = [];
      if (st.mode === 'step') { parts.push('mode=step'); }
      if (st.query) { parts.push('q=' + encodeURIComponent(st.query)); }
      parts.push('zoom=' + st.unit.toFixed(2));
      try { history.replaceState(null, '', '#' + parts.join('&')); } catch (e) { /* a file: URL may refuse */ }
    };

    // Zoom keeping the axis point under clientX where it is.
    const zoomTo = function (unit, clientX) {
      unit = Math.max(MIN_UNIT, Math.min(MAX_UNIT, unit));
      const rect = frame.getBoundingClientRect();
      const viewX = (clientX === undefined ? rect.left + rect.width / 2 : clientX) - rect.left - LABELS_W;
      if (!anchor) { anchor = { viewX: viewX, axisAt: (frame.scrollLeft + viewX - PAD) / st.unit }; }
      st.unit = unit;
      later();
    };
    zoomIn.addEventListener('click', function () { zoomTo(st.unit * 1.5); });
    zoomOut.addEventListener('click', function () { zoomTo(st.unit / 1.5); });
    fit.addEventListener('click', function () { st.unit = fitUnit(); redraw(); frame.scrollLeft = 0; remember(); });
    byTime.addEventListener('click', function () { st.mode = 'time'; st.unit = fitUnit(); redraw(); remember(); });
    byStep.addEventListener('click', function () { st.mode = 'step'; st.unit = fitUnit(); redraw(); remember(); });
    search.addEventListener('input', function () { st.query = search.value.trim(); later(); });
    frame.addEventListener('wheel', function (ev) {
      if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) { return; } // horizontal: scroll
      ev.preventDefault();
      zoomTo(st.unit * Math.pow(1.0015, -ev.deltaY), ev.clientX);
    }, { passive: false });

    // Drag to pan; a click that did not move selects.
    let drag = null, dragged = false;
    chart.addEventListener('pointerdown', function (ev) {
      if (ev.button !== 0) { return; }
      drag = { x: ev.clientX, y: ev.clientY, left: frame.scrollLeft, top: frame.scrollTop };
      dragged = false;
    });
    window.addEventListener('pointermove', function (ev) {
      if (!drag) { return; }
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { dragged = true; chart.classList.add('dragging'); }
      if (dragged) { frame.scrollLeft = drag.left - dx; frame.scrollTop = drag.top - dy; }
    });
    window.addEventListener('pointerup', function () { drag = null; chart.classList.remove('dragging'); });

    const show = function (i, pinned) {
      detail.textContent = '';
      if (pinned) { html('span', 'pinned', 'pinned: ', detail); }
      detail.appendChild(document.createTextNode(eventLine(data, i)));
    };
    const eventOf = function (target) {
      const t = target.closest ? target.closest('[data-e]') : null;
      return t ? Number(t.getAttribute('data-e')) : -1;
    };
    chart.addEventListener('mouseover', function (ev) {
      const i = eventOf(ev.target);
      if (i >= 0) { show(i, false); }
    });
    chart.addEventListener('mouseout', function () { if (st.selected >= 0) { show(st.selected, true); } });
    chart.addEventListener('click', function (ev) {
      if (dragged) { dragged = false; return; }
      const i = eventOf(ev.target);
      st.selected = i;
      chart.querySelectorAll('.mark.selected').forEach(function (m) { m.classList.remove('selected'); });
      if (i >= 0) {
        chart.querySelectorAll('.mark[data-e="' + i + '"]').forEach(function (m) { m.classList.add('selected'); });
        show(i, true);
      }
    });

    const list = html('details', 'events', undefined, root);
    html('summary', '', 'All shown events (' + data.events.length + ')', list);
    list.addEventListener('toggle', function () {
      if (!list.open || list.querySelector('ol')) { return; }
      const ol = html('ol', 'mono', undefined, list);
      ol.start = 0;
      data.events.forEach(function (e, i) { html('li', '', eventLine(data, i), ol); });
    });

    redraw();
    root.setAttribute('data-lanes', String(data.lanes.length));
    root.setAttribute('data-marks', String(data.marks.length));
    root.setAttribute('data-arrows', String(data.arrows.length));
    root.setAttribute('data-culprits', String(data.culprits.length));
    root.setAttribute('data-decisions', String(data.decisions.length));
    root.setAttribute('data-folds', String(data.time.folds.length));
    document.body.setAttribute('data-timeline', 'ready');
  }

  try {
    main();
  } catch (e) {
    recordError('timeline failed to draw: ' + (e && e.stack ? e.stack : String(e)));
    document.body.setAttribute('data-timeline', 'failed');
  }
})();
