// newsgraph explorer: draws the graph embedded in #graph-data with Cytoscape.js and lists
// actors, statements and relations as HTML text with their evidence in context.
// Every string from the data reaches the page through textContent (never innerHTML).
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('graph-data').textContent);

  // Node kinds: fill, border and Cytoscape shape (the CSS swatch has the same shape).
  var KINDS = {
    Person: { fill: '#9ec5fe', border: '#0a58ca', shape: 'ellipse', plural: 'People' },
    Organization: { fill: '#a3cfbb', border: '#146c43', shape: 'round-rectangle', plural: 'Organizations' },
    Group: { fill: '#c5b3e6', border: '#59359a', shape: 'octagon', plural: 'Groups' },
    Place: { fill: '#ffe69c', border: '#997404', shape: 'hexagon', plural: 'Places' },
    Proposal: { fill: '#f1aeb5', border: '#b02a37', shape: 'tag', plural: 'Proposals' },
    Meeting: { fill: '#ffc38b', border: '#ca6510', shape: 'diamond', plural: 'Meetings' },
    Statement: { fill: '#dee2e6', border: '#6c757d', shape: 'round-rectangle', plural: 'Statements' }
  };
  var KIND_ORDER = ['Person', 'Organization', 'Group', 'Place', 'Proposal', 'Meeting', 'Statement'];
  var ACTOR_KINDS = ['Person', 'Organization', 'Group', 'Place'];
  // Relation colours, as in the DOT export.
  var RELATIONS = {
    'met-with': '#1f77b4',
    'warned': '#d62728',
    'proposed': '#9467bd',
    'opposes': '#ff7f0e',
    'supports': '#2ca02c',
    'criticized': '#8c564b',
    'said': '#7f7f7f',
    'attended': '#17becf',
    'held-in': '#bcbd22',
    'holds-role': '#e377c2',
    'affiliated-with': '#aaaaaa'
  };
  var RELATION_ORDER = Object.keys(RELATIONS);
  var MAX_RELATIONS = 200; // relations listed for a node before "show all"
  var MAX_EXPAND = 100; // neighbours added to the drawing when an undrawn node is selected

  // ---------------------------------------------------------------- indexes

  var byId = new Map();
  data.nodes.forEach(function (n) {
    n.degree = 0;
    n.links = 0; // edges to nodes other than statements
    n.edges = [];
    byId.set(n.id, n);
  });
  data.edges.forEach(function (e, i) {
    e.index = i;
    var s = byId.get(e.source);
    var t = byId.get(e.target);
    if (!s || !t) return;
    s.edges.push(e);
    t.edges.push(e);
    s.degree++;
    t.degree++;
    if (t.kind !== 'Statement' && s.kind !== 'Statement') { s.links++; t.links++; }
  });
  var docById = new Map();
  data.documents.forEach(function (d) { docById.set(d.id, d); });

  function byName(a, b) {
    return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  // Nodes the drawing may show, most connected first (statements follow their speakers).
  var ranked = data.nodes.filter(function (n) { return n.kind !== 'Statement'; });
  ranked.sort(function (a, b) { return b.degree - a.degree || byName(a, b); });

  function other(e, id) { return e.source === id ? e.target : e.source; }
  function nameOf(id) { var n = byId.get(id); return n ? n.name : id; }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function txt(s) { return document.createTextNode(String(s)); }
  function swatch(kind) {
    var k = KINDS[kind] || KINDS.Statement;
    var s = el('span', 'swatch shape-' + k.shape);
    s.style.background = k.fill;
    s.style.borderColor = k.border;
    s.setAttribute('aria-hidden', 'true');
    return s;
  }
  function line(relation) {
    var s = el('span', 'line');
    s.style.borderTopColor = RELATIONS[relation] || '#999';
    s.setAttribute('aria-hidden', 'true');
    return s;
  }
  function nodeLink(id) {
    var b = el('button', 'link', nameOf(id));
    b.type = 'button';
    b.addEventListener('click', function () { select(id); });
    return b;
  }
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---------------------------------------------------------------- header

  (function header() {
    var docs = data.documents;
    var title = docs.length === 1 ? (docs[0].title || docs[0].id) : plural(docs.length, 'document', 'documents');
    document.getElementById('title').textContent = title;
    var actors = data.nodes.filter(function (n) { return ACTOR_KINDS.indexOf(n.kind) >= 0; }).length;
    var statements = data.nodes.filter(function (n) { return n.kind === 'Statement'; }).length;
    var parts = [];
    if (docs.length === 1 && docs[0].published) parts.push('published ' + docs[0].published);
    parts.push(plural(actors, 'actor', 'actors'), plural(statements, 'statement', 'statements'),
      plural(data.edges.length, 'relation', 'relations'));
    document.getElementById('summary').textContent = parts.join(' · ') + ' — newsgraph explorer';
  })();

  // ---------------------------------------------------------------- actor list

  var listItems = new Map(); // id -> li
  (function actorList() {
    var box = document.getElementById('actors');
    ACTOR_KINDS.forEach(function (kind) {
      var members = data.nodes.filter(function (n) { return n.kind === kind; }).sort(byName);
      if (!members.length) return;
      var section = el('section');
      section.dataset.kind = kind;
      section.appendChild(el('h2', null, KINDS[kind].plural + ' (' + members.length + ')'));
      var ul = el('ul');
      members.forEach(function (n) {
        var li = el('li');
        li.dataset.search = fold([n.name].concat(n.aliases || []).join('\n'));
        var b = el('button', 'actor-button');
        b.type = 'button';
        b.appendChild(swatch(n.kind));
        b.appendChild(txt(n.name));
        b.addEventListener('click', function () { select(n.id); });
        li.appendChild(b);
        li.appendChild(el('span', 'degree', String(n.degree)));
        li.lastChild.title = plural(n.degree, 'relation', 'relations');
        if (n.roles && n.roles.length) li.appendChild(el('span', 'roles', rolesText(n)));
        ul.appendChild(li);
        listItems.set(n.id, li);
      });
      section.appendChild(ul);
      box.appendChild(section);
    });
    var search = document.getElementById('search');
    var count = document.getElementById('search-count');
    function filter() {
      var q = fold(search.value.trim());
      var shown = 0;
      box.querySelectorAll('section').forEach(function (section) {
        var any = false;
        section.querySelectorAll('li').forEach(function (li) {
          var hit = !q || li.dataset.search.indexOf(q) >= 0;
          li.hidden = !hit;
          if (hit) { any = true; shown++; }
        });
        section.hidden = !any;
      });
      count.textContent = q ? shown + ' of ' + listItems.size + ' actors' : plural(listItems.size, 'actor', 'actors');
    }
    search.addEventListener('input', filter);
    filter();
  })();

  function rolesText(n) {
    return (n.roles || []).map(function (r) {
      return r.affiliation ? r.title + ', ' + nameOf(r.affiliation) : r.title;
    }).join('; ');
  }

  // ---------------------------------------------------------------- filters and legend

  var kindOn = {};
  var relationOn = {};
  (function legend() {
    var kindsBox = document.getElementById('kind-filter');
    KIND_ORDER.forEach(function (kind) {
      var count = data.nodes.filter(function (n) { return n.kind === kind; }).length;
      if (!count) return;
      kindOn[kind] = kind !== 'Statement';
      kindsBox.appendChild(checkbox(swatch(kind), kind, count, kindOn[kind], function (on) {
        kindOn[kind] = on;
        // statements are only added to the drawing while shown: they are many
        if (kind === 'Statement') rebuild(); else applyFilters();
      }));
    });
    var relBox = document.getElementById('relation-filter');
    RELATION_ORDER.forEach(function (r) {
      var count = data.edges.filter(function (e) { return e.relation === r; }).length;
      if (!count) return;
      relationOn[r] = true;
      relBox.appendChild(checkbox(line(r), r, count, true, function (on) {
        relationOn[r] = on;
        applyFilters();
      }));
    });
  })();

  function checkbox(sample, name, count, on, change) {
    var label = el('label');
    var input = el('input');
    input.type = 'checkbox';
    input.checked = on;
    input.addEventListener('change', function () { change(input.checked); });
    label.appendChild(input);
    label.appendChild(sample);
    label.appendChild(txt(name + ' '));
    label.appendChild(el('span', 'count', '(' + count + ')'));
    return label;
  }

  // ---------------------------------------------------------------- drawing

  // Later rules win: base rules first, then kinds and relations, then states.
  var style = [
    { selector: 'node', style: {
      'label': 'data(label)', 'font-size': 12, 'color': '#1f2328',
      'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis', 'text-max-width': 160,
      'text-background-color': '#ffffff', 'text-background-opacity': 0.75, 'text-background-padding': 1,
      'width': 'data(size)', 'height': 'data(size)', 'border-width': 1.5, 'min-zoomed-font-size': 5 } },
    { selector: 'edge', style: {
      'width': 'data(width)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8, 'opacity': 0.85, 'font-size': 10, 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
      'min-zoomed-font-size': 6 } }
  ];
  KIND_ORDER.forEach(function (kind) {
    var k = KINDS[kind];
    style.push({ selector: 'node[kind = "' + kind + '"]', style: {
      'background-color': k.fill, 'border-color': k.border, 'shape': k.shape } });
  });
  RELATION_ORDER.forEach(function (r) {
    var c = RELATIONS[r];
    style.push({ selector: 'edge[relation = "' + r + '"]', style: {
      'line-color': c, 'target-arrow-color': c, 'color': c } });
  });
  style.push(
    { selector: 'edge[relation = "met-with"]', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge.planned', style: { 'line-style': 'dashed' } },
    { selector: 'edge.labelled, edge.hl', style: { 'label': 'data(label)' } },
    { selector: '.hidden', style: { 'display': 'none' } },
    { selector: '.faded', style: { 'opacity': 0.18, 'text-opacity': 0 } },
    { selector: 'node.chosen', style: { 'border-width': 4, 'border-color': '#d4a72c', 'font-weight': 'bold', 'z-index': 10 } }
  );

  var cy = cytoscape({
    container: document.getElementById('graph'),
    elements: [],
    style: style,
    minZoom: 0.03,
    maxZoom: 4,
    boxSelectionEnabled: false,
    autoungrabify: false
  });
  // the container's size settles after fonts and the legend are laid out
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      cy.resize();
      if (autoFit) cy.fit(cy.elements(':visible'), 30);
    }).observe(document.getElementById('graph'));
  }
  ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (type) {
    document.getElementById('graph').addEventListener(type, function () { autoFit = false; }, { passive: true });
  });
  cy.on('tap', 'node', function (evt) { select(evt.target.id()); });
  cy.on('tap', function (evt) { if (evt.target === cy) clearSelection(); });

  var showAll = false;
  var extra = new Set(); // ids added to the drawing by selecting them
  var drawn = new Set();
  var total = 0; // nodes that can be drawn
  var autoFit = true; // refit on resize until the user pans or zooms
  var selected = null;

  function labelOf(n) {
    var s = n.kind === 'Statement' ? (n.text || n.name) : n.name;
    return s.length > 48 ? s.slice(0, 46) + '…' : s;
  }

  // Unconnected nodes are listed but not drawn (unless selected): they only crowd the drawing.
  function drawable(n) { return n.links > 0 || (kindOn.Statement && n.degree > 0); }

  function drawnIds() {
    var pool = ranked.filter(drawable);
    total = pool.length;
    var set = new Set();
    (showAll ? pool : pool.slice(0, data.limit)).forEach(function (n) { set.add(n.id); });
    extra.forEach(function (id) { set.add(id); });
    if (kindOn.Statement) {
      data.nodes.forEach(function (n) {
        if (n.kind !== 'Statement') return;
        total++;
        if (set.has(n.id) || n.edges.some(function (e) { return set.has(other(e, n.id)); })) set.add(n.id);
      });
    }
    return set;
  }

  function rebuild() {
    drawn = drawnIds();
    var els = [];
    drawn.forEach(function (id) {
      var n = byId.get(id);
      els.push({ group: 'nodes', data: {
        id: n.id, label: labelOf(n), kind: n.kind,
        degree: n.degree, size: Math.min(64, 16 + 7 * Math.log2(1 + n.degree)) } });
    });
    var edgeCount = 0;
    data.edges.forEach(function (e) {
      if (!drawn.has(e.source) || !drawn.has(e.target)) return;
      edgeCount++;
      els.push({ group: 'edges', classes: e.status === 'planned' ? 'planned' : '', data: {
        id: 'e' + e.index, source: e.source, target: e.target, relation: e.relation,
        label: e.title || e.relation, width: 1 + 2 * Number(e.confidence) } });
    });
    cy.batch(function () {
      cy.elements().remove();
      cy.add(els);
      // few edges: name them all; many: only those of the selection
      if (edgeCount <= 60) cy.edges().addClass('labelled');
    });
    applyFilters();
    layout();
    document.getElementById('shown-count').textContent = drawn.size >= total
      ? 'Showing all ' + plural(drawn.size, 'connected node', 'connected nodes')
      : 'Showing ' + drawn.size + ' of ' + total + ' connected nodes (the most connected first)';
    document.getElementById('show-all').hidden = showAll || drawn.size >= total;
    document.getElementById('show-top').hidden = !showAll && extra.size === 0;
    if (selected) highlight(selected, false);
  }

  function layout() {
    var n = cy.nodes().length;
    var opts = n <= 400
      ? { name: 'cose', animate: false, randomize: true, fit: true, padding: 30,
          nodeDimensionsIncludeLabels: true, idealEdgeLength: function () { return 60; },
          nodeRepulsion: function () { return 6000; }, componentSpacing: 50, gravity: 1.5,
          numIter: 1500 }
      : { name: 'concentric', animate: false, fit: true, padding: 20, minNodeSpacing: 6,
          concentric: function (nd) { return nd.data('degree'); },
          levelWidth: function () { return Math.max(1, n / 1000); } };
    var run = cy.layout(opts);
    run.one('layoutstop', pack);
    run.run();
  }

  // Places the connected components side by side in rows (largest first) to fill the
  // drawing's aspect ratio; a force layout alone leaves them scattered.
  function pack() {
    var gap = 40;
    var boxes = cy.elements(':visible').components().map(function (c) {
      return { c: c, bb: c.boundingBox({ includeLabels: true }) };
    });
    if (boxes.length < 2) { cy.fit(cy.elements(':visible'), 30); return; }
    boxes.sort(function (a, b) { return b.bb.w * b.bb.h - a.bb.w * a.bb.h; });
    var area = 0;
    var widest = 0;
    boxes.forEach(function (b) { area += (b.bb.w + gap) * (b.bb.h + gap); widest = Math.max(widest, b.bb.w); });
    var aspect = Math.max(0.5, cy.width() / Math.max(1, cy.height()));
    var rowWidth = Math.max(widest, Math.sqrt(area * aspect));
    var x = 0, y = 0, rowHeight = 0;
    cy.batch(function () {
      boxes.forEach(function (b) {
        if (x > 0 && x + b.bb.w > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
        var dx = x - b.bb.x1, dy = y - b.bb.y1;
        b.c.nodes().positions(function (n) { var p = n.position(); return { x: p.x + dx, y: p.y + dy }; });
        x += b.bb.w + gap;
        rowHeight = Math.max(rowHeight, b.bb.h);
      });
    });
    cy.fit(cy.elements(':visible'), 30);
  }

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (nd) { nd.toggleClass('hidden', !kindOn[nd.data('kind')]); });
      cy.edges().forEach(function (ed) { ed.toggleClass('hidden', !relationOn[ed.data('relation')]); });
    });
  }

  function highlight(id, zoom) {
    cy.batch(function () {
      cy.elements().removeClass('faded hl chosen');
      if (!id) return;
      var nd = cy.getElementById(id);
      if (nd.empty()) return;
      var hood = nd.closedNeighborhood();
      cy.elements().not(hood).addClass('faded');
      hood.addClass('hl');
      nd.addClass('chosen');
    });
    var nd = cy.getElementById(id);
    if (zoom && id && !nd.empty()) {
      // move only when part of the neighbourhood is out of view
      var hood = nd.closedNeighborhood().filter(':visible');
      var bb = hood.boundingBox();
      var ext = cy.extent();
      if (bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2) {
        autoFit = false;
        cy.fit(hood, 80);
        if (cy.zoom() > 1.6) { cy.zoom(1.6); cy.center(nd); }
      }
    }
  }

  document.getElementById('show-all').addEventListener('click', function () { showAll = true; rebuild(); });
  document.getElementById('show-top').addEventListener('click', function () {
    showAll = false;
    extra.clear();
    if (selected) extra.add(selected);
    rebuild();
  });
  document.getElementById('fit').addEventListener('click', function () { cy.fit(cy.elements(':visible'), 30); });
  document.getElementById('clear').addEventListener('click', clearSelection);

  // ---------------------------------------------------------------- selection and details

  function select(id, fromHash) {
    var n = byId.get(id);
    if (!n) return;
    selected = id;
    if (!drawn.has(id) && (n.kind !== 'Statement' || kindOn.Statement)) {
      extra.add(id);
      var added = 0;
      n.edges.forEach(function (e) {
        var o = byId.get(other(e, id));
        if (o && o.kind !== 'Statement' && added < MAX_EXPAND) { extra.add(o.id); added++; }
      });
      rebuild();
    }
    highlight(id, true);
    listItems.forEach(function (li) { li.classList.remove('selected'); });
    var li = listItems.get(id);
    if (li) { li.classList.add('selected'); if (!fromHash) li.scrollIntoView({ block: 'nearest' }); }
    showDetails(n);
    if (!fromHash) {
      try { history.replaceState(null, '', '#actor=' + encodeURIComponent(id)); } catch (err) { /* file: URLs may refuse */ }
    }
  }

  function clearSelection() {
    selected = null;
    highlight(null, false);
    listItems.forEach(function (li) { li.classList.remove('selected'); });
    var box = document.getElementById('details');
    box.replaceChildren(el('p', 'hint', 'Select an actor in the list or the drawing to see its statements and relations, each with the sentence that says so.'));
    try { history.replaceState(null, '', location.pathname + location.search); } catch (err) { /* ignore */ }
  }

  function docLabel(id) {
    var d = docById.get(id);
    if (!d) return id;
    var s = d.title || d.id;
    return d.published ? s + ' (' + d.published + ')' : s;
  }

  // The evidence in its paragraph with the span marked, or the sentence alone.
  function context(ev) {
    var box = el('blockquote', 'context');
    var p = ev.paragraph !== undefined ? data.paragraphs[ev.paragraph] : null;
    if (p && ev.from !== undefined && ev.to !== undefined) {
      box.appendChild(txt(p.text.slice(0, ev.from)));
      box.appendChild(el('mark', null, p.text.slice(ev.from, ev.to)));
      box.appendChild(txt(p.text.slice(ev.to)));
    } else {
      box.appendChild(el('mark', null, ev.text));
    }
    if (data.documents.length > 1) box.appendChild(el('cite', 'source', docLabel(ev.document)));
    return box;
  }

  function evidenceList(list, into) {
    if (!list || !list.length) return;
    into.appendChild(context(list[0]));
    if (list.length > 1) {
      var more = el('details', 'more');
      more.appendChild(el('summary', null, plural(list.length - 1, 'more sentence', 'more sentences')));
      more.addEventListener('toggle', function fill() {
        more.removeEventListener('toggle', fill);
        list.slice(1).forEach(function (ev) { more.appendChild(context(ev)); });
      });
      into.appendChild(more);
    }
  }

  function position(evs) {
    var ev = evs && evs[0];
    return ev ? [ev.document, ev.paragraph === undefined ? -1 : ev.paragraph, ev.from || 0] : ['', -1, 0];
  }
  function byPosition(a, b) {
    var x = position(a), y = position(b);
    for (var i = 0; i < 3; i++) {
      if (x[i] < y[i]) return -1;
      if (x[i] > y[i]) return 1;
    }
    return 0;
  }

  function showDetails(n) {
    var box = document.getElementById('details');
    box.replaceChildren();
    box.appendChild(el('h2', null, n.name));
    var kind = el('p', 'kind');
    kind.appendChild(swatch(n.kind));
    kind.appendChild(txt(n.kind + ' · ' + plural(n.degree, 'relation', 'relations')));
    box.appendChild(kind);
    if (n.aliases && n.aliases.length) box.appendChild(el('p', 'meta', 'Also called: ' + n.aliases.join(', ')));

    if (n.kind === 'Statement') {
      var q = el('p', 'statement-text', n.text || n.name);
      box.appendChild(q);
      box.appendChild(statementMeta(n, null));
      evidenceList(n.evidence, box);
    }
    if (n.kind === 'Meeting') {
      var facts = [];
      if (n.when) facts.push('when: ' + n.when);
      if (n.date) facts.push('date: ' + n.date);
      if (n.place) facts.push('place: ' + nameOf(n.place));
      if (n.status) facts.push(n.status);
      if (facts.length) box.appendChild(el('p', 'meta', facts.join(' · ')));
      evidenceList(n.evidence, box);
    }

    if (n.roles && n.roles.length) {
      box.appendChild(el('h3', null, 'Roles'));
      var ul = el('ul');
      n.roles.forEach(function (r) {
        var li = el('li', null, r.title);
        if (r.affiliation) { li.appendChild(txt(', ')); li.appendChild(nodeLink(r.affiliation)); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }

    var said = n.edges.filter(function (e) { return e.relation === 'said' && e.source === n.id; });
    if (said.length) {
      box.appendChild(el('h3', null, 'Statements (' + said.length + ')'));
      var ol = el('ol', 'statements');
      said.map(function (e) { return { e: e, s: byId.get(e.target) }; })
        .sort(function (a, b) { return byPosition(a.s.evidence, b.s.evidence); })
        .forEach(function (x) {
          var li = el('li', 'statement');
          li.appendChild(el('p', 'statement-text', '“' + (x.s.text || x.s.name) + '”'));
          li.appendChild(statementMeta(x.s, x.e));
          evidenceList(x.e.evidence.length ? x.e.evidence : x.s.evidence, li);
          ol.appendChild(li);
        });
      box.appendChild(ol);
    }

    var rels = n.edges.filter(function (e) { return !(e.relation === 'said' && e.source === n.id); });
    if (rels.length) {
      box.appendChild(el('h3', null, 'Relations (' + rels.length + ')'));
      var list = el('ul', 'relations');
      box.appendChild(list);
      var add = function (e) { list.appendChild(relationItem(e, n.id)); };
      rels.slice(0, MAX_RELATIONS).forEach(add);
      if (rels.length > MAX_RELATIONS) {
        var more = el('button', 'link', 'Show all ' + rels.length + ' relations');
        more.type = 'button';
        more.addEventListener('click', function () { more.remove(); rels.slice(MAX_RELATIONS).forEach(add); });
        box.appendChild(more);
      }
    }
  }

  function statementMeta(s, e) {
    var meta = el('p', 'meta');
    var parts = [];
    if (s.cue) parts.push('cue: ' + s.cue);
    if (e) parts.push('confidence ' + e.confidence);
    if (!s.cue && e && e.cue) parts.unshift('cue: ' + e.cue);
    meta.appendChild(txt(parts.join(' · ')));
    if (s.quote) meta.appendChild(el('span', 'badge ' + s.quote, s.quote));
    if (s.kind === 'Statement') {
      var speakers = s.edges.filter(function (x) { return x.relation === 'said' && x.target === s.id; });
      if (speakers.length && !e) {
        meta.appendChild(txt(' · said by '));
        speakers.forEach(function (x, i) {
          if (i) meta.appendChild(txt(', '));
          meta.appendChild(nodeLink(x.source));
        });
      }
    }
    return meta;
  }

  function relationItem(e, self) {
    var li = el('li');
    var p = el('p', 'relation-line');
    p.appendChild(line(e.relation));
    p.appendChild(txt(' '));
    p.appendChild(e.source === self ? el('span', null, nameOf(e.source)) : nodeLink(e.source));
    var rel = el('span', 'relation-name', ' ' + (e.relation === 'holds-role' && e.title ? 'holds role “' + e.title + '” at' : e.relation) + ' ');
    rel.style.color = RELATIONS[e.relation] || '#444';
    p.appendChild(rel);
    p.appendChild(e.target === self ? el('span', null, nameOf(e.target)) : nodeLink(e.target));
    var facts = [];
    if (e.cue) facts.push('cue: ' + e.cue);
    facts.push('confidence ' + e.confidence);
    p.appendChild(el('span', 'meta', ' (' + facts.join(', ') + ')'));
    if (e.status === 'planned') p.appendChild(el('span', 'badge', 'planned'));
    li.appendChild(p);
    if (e.relation === 'said') {
      var s = byId.get(e.target);
      if (s) li.appendChild(el('p', 'statement-text', '“' + (s.text || s.name) + '”'));
    }
    evidenceList(e.evidence, li);
    return li;
  }

  // ---------------------------------------------------------------- start

  function fromHash() {
    var m = /^#actor=(.*)$/.exec(location.hash);
    if (!m) return;
    var id;
    try { id = decodeURIComponent(m[1]); } catch (err) { id = m[1]; }
    if (byId.has(id)) select(id, true);
  }
  rebuild();
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
