// Lockstep timeline: draws the model in #lockstep-data (see TimelineModel) as SVG.
// Rules: data is inserted with textContent and setAttribute only, never as markup; nothing is
// fetched; every error is also written to #lockstep-errors, which tests read.
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
  const AXIS_H = 30, GROUP_H = 20, LANE_H = 22, PAD = 10, FAILURE_ROOM = 280;

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

  // Rows top to bottom: the axis, then lanes, with a header row before each host group.
  function planRows(lanes) {
    const rows = [];
    let y = AXIS_H;
    lanes.forEach(function (lane, i) {
      if (lane.host !== null && (i === 0 || lanes[i - 1].host !== lane.host || lanes[i - 1].kind === 'gutter')) {
        rows.push({ group: lane.host, y: y, h: GROUP_H });
        y += GROUP_H;
      }
      rows.push({ lane: i, y: y, h: LANE_H });
      y += LANE_H;
    });
    return { rows: rows, height: y + 4 };
  }

  function drawLabels(container, data, plan) {
    html('div', 'axis-label', 'virtual time \u2192', container).style.height = AXIS_H + 'px';
    plan.rows.forEach(function (row) {
      let d;
      if (row.lane === undefined) {
        d = html('div', 'group', row.group === '' ? 'no host' : 'host ' + row.group, container);
        d.setAttribute('data-group', row.group);
      } else {
        const lane = data.lanes[row.lane];
        d = html('div', 'lane-label ' + lane.kind, lane.label, container);
        d.setAttribute('data-lane-label', lane.key);
      }
      d.title = d.textContent;
      d.style.height = row.h + 'px';
      d.style.lineHeight = row.h + 'px';
    });
  }

  function shape(kind, cx, cy, w, parent) {
    const h = w / 2;
    switch (kind) {
      case 'poll-ready': case 'poll-pending': case 'poll-failed':
        return el('rect', { x: cx - h, y: cy - 6, width: w, height: 12 }, parent);
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

  function drawChart(container, data, plan, unit, selected) {
    const laneY = {};
    plan.rows.forEach(function (r) { if (r.lane !== undefined) { laneY[r.lane] = r.y + r.h / 2; } });
    const px = function (x) { return PAD + x * unit + unit / 2; };
    const width = Math.ceil(px(data.width) + PAD + (data.failure ? FAILURE_ROOM : 0));
    const svg = el('svg', { width: width, height: plan.height, role: 'img', 'aria-label': 'timeline' }, container);
    const bg = el('g', { class: 'backgrounds' }, svg);
    plan.rows.forEach(function (r) {
      el('rect', { x: 0, y: r.y, width: width, height: r.h,
        class: r.lane === undefined ? 'group-bg' : 'lane-bg' + (r.lane % 2 ? ' odd' : '') }, bg);
    });
    const bands = el('g', { class: 'bands' }, svg);
    data.marks.forEach(function (m) {
      if (m.k === 'fault' || m.k === 'net-fault') {
        titled(el('rect', { x: px(m.x) - Math.max(unit, 4) / 2, y: AXIS_H, width: Math.max(unit, 4),
          height: plan.height - AXIS_H, class: 'band', 'data-e': m.e }, bands), eventLine(data, m.e));
      }
    });
    const ticks = el('g', { class: 'ticks' }, svg);
    let lastLabel = -1e9;
    data.ticks.forEach(function (t) {
      const x = px(t.x) - unit / 2;
      const g = el('g', { class: 'tick' + (t.e >= 0 ? ' clock' : '') }, ticks);
      el('line', { x1: x, y1: AXIS_H - 6, x2: x, y2: plan.height }, g);
      if (x - lastLabel >= 70) {
        el('text', { x: x + 2, y: AXIS_H - 10 }, g).textContent = 't=' + t.t;
        lastLabel = x;
      }
      if (t.e >= 0) { g.setAttribute('data-e', t.e); titled(g, eventLine(data, t.e)); }
    });
    const arrows = el('g', { class: 'arrows' }, svg);
    const lastLabelAt = {}; // by arrow kind: labels closer than 40 px are left to the tooltip
    data.arrows.forEach(function (a) {
      const x1 = px(a.fx), x2 = px(a.tx);
      let y1 = laneY[a.fl], y2 = laneY[a.tl];
      const g = el('g', { class: 'arrow-group', 'data-e': a.e, 'data-arrow': a.k,
        'data-from': data.lanes[a.fl].key, 'data-to': data.lanes[a.tl].key }, arrows);
      titled(g, eventLine(data, a.e) + (a.label ? ' (' + a.label + ')' : ''));
      const head = a.k.indexOf('wake') === 0 ? 'head-wake' : a.k === 'drop' ? 'head-drop' : 'head-message';
      if (a.fl === a.tl && x1 === x2) { return; }
      if (a.fl === a.tl) { // same lane (loopback): an arc above it
        const top = y1 - LANE_H * 0.9;
        el('path', { d: 'M' + x1 + ',' + y1 + 'Q' + (x1 + x2) / 2 + ',' + top + ' ' + x2 + ',' + y2, class: 'arrow ' + a.k }, g);
        arrowHead((x1 + x2) / 2, top, x2, y2, head, g);
      } else {
        const dir = y2 > y1 ? 1 : -1;
        y1 += dir * 4; y2 -= dir * 6;
        el('line', { x1: x1, y1: y1, x2: x2, y2: y2, class: 'arrow ' + a.k }, g);
        arrowHead(x1, y1, x2, y2, head, g);
      }
      if (a.label && !(Math.abs((x1 + x2) / 2 - lastLabelAt[a.k]) < 40)) {
        el('text', { x: (x1 + x2) / 2 + 3, y: (y1 + y2) / 2 - 2, class: 'arrow-label ' + a.k }, g).textContent = a.label;
        lastLabelAt[a.k] = (x1 + x2) / 2;
      }
    });
    const laneGroups = data.lanes.map(function (lane) {
      const g = el('g', { class: 'lane', 'data-lane': lane.key, 'data-kind': lane.kind }, svg);
      if (lane.host !== null) { g.setAttribute('data-host', lane.host); }
      if (lane.task >= 0) { g.setAttribute('data-task', lane.task); }
      return g;
    });
    const w = Math.max(2, Math.min(10, unit * 0.7));
    data.marks.forEach(function (m) {
      const s = shape(m.k, px(m.x), laneY[m.l], w, laneGroups[m.l]);
      s.setAttribute('class', 'mark k-' + m.k + (m.e === selected ? ' selected' : ''));
      s.setAttribute('data-e', m.e);
      titled(s, eventLine(data, m.e));
    });
    if (data.failure) {
      const f = data.failure, x = px(f.x);
      const g = el('g', { class: 'failure-mark', 'data-failure': 'true' }, svg);
      el('line', { x1: x, y1: 4, x2: x, y2: plan.height, class: 'failure-line' }, g);
      // The first line without the exception's package: "TaskFailedException: task ... failed".
      const first = f.text.split('\n')[0].replace(/^([a-z_$][\w$]*\.)+(?=[A-Z])/, '');
      el('text', { x: x + 4, y: 14, class: 'failure-label' }, g).textContent = '\u2717 failure';
      el('text', { x: x + 4, y: laneY[f.l >= 0 ? f.l : 0] + 4, class: 'failure-label' }, g).textContent =
        first.length > 48 ? first.slice(0, 47) + '\u2026' : first;
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
  }

  function main() {
    const data = JSON.parse(document.getElementById('lockstep-data').textContent);
    const root = document.getElementById('timeline');
    const plan = planRows(data.lanes);
    const controls = html('div', 'controls', undefined, root);
    const zoomOut = html('button', '', '\u2212', controls), zoomIn = html('button', '', '+', controls);
    const fit = html('button', '', 'fit', controls);
    zoomOut.title = 'zoom out'; zoomIn.title = 'zoom in'; fit.title = 'fit the run to the window';
    legend(controls);
    const frame = html('div', 'frame', undefined, root);
    const labels = html('div', 'labels', undefined, frame);
    const chart = html('div', 'chart', undefined, frame);
    const detail = html('div', 'detail mono', 'Hover over a mark to see its event; click to pin it.', root);
    drawLabels(labels, data, plan);

    let selected = -1;
    const fitUnit = function () {
      const room = Math.max(300, (frame.clientWidth || 1200) - 210 - (data.failure ? FAILURE_ROOM : 0));
      return Math.max(3, Math.min(22, room / Math.max(1, data.width)));
    };
    let unit = fitUnit();
    const redraw = function () {
      chart.textContent = '';
      drawChart(chart, data, plan, unit, selected);
      root.setAttribute('data-unit', unit.toFixed(2));
    };
    zoomIn.addEventListener('click', function () { unit = Math.min(60, unit * 1.5); redraw(); });
    zoomOut.addEventListener('click', function () { unit = Math.max(0.5, unit / 1.5); redraw(); });
    fit.addEventListener('click', function () { unit = fitUnit(); redraw(); });

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
    chart.addEventListener('mouseout', function () { if (selected >= 0) { show(selected, true); } });
    chart.addEventListener('click', function (ev) {
      const i = eventOf(ev.target);
      selected = i;
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
    document.body.setAttribute('data-timeline', 'ready');
  }

  try {
    main();
  } catch (e) {
    recordError('timeline failed to draw: ' + (e && e.stack ? e.stack : String(e)));
    document.body.setAttribute('data-timeline', 'failed');
  }
})();
