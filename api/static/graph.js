// The explorer: draws a graph page with the bundled vis-network and explores it in place through
// the JSON API (search, details with evidence, expand, hide, undo, filters, paths, permalinks, export).
// Everything from the notes arrives as JSON and is written with textContent, never parsed as HTML
// (vis-network shows a string title with innerText, so tooltips are text too). A node's tooltip in the page
// says only what the page knows; the rest (its first talks) is fetched from /api/tooltip when its popup shows
// or when it is selected, and shown with innerText too.
(function () {
  "use strict";
  performance.mark("talkgraph:script");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  data.edges = data.links.map(function (link) {  // [from, to, talks, faint] by node index
    var a = data.nodes[link[0]], b = data.nodes[link[1]];
    var edge = { id: edgeId(a.id, b.id), from: a.id, to: b.id, talks: link[2] };
    if (link[3]) { edge.faint = true; edge.color = data.faintColor; }
    if (data.linkTitles) edge.title = linkTitle(a.label, b.label, link[2]);
    return edge;
  });
  var container = document.getElementById("network");
  var details = document.getElementById("details");
  var GREY = "#9aa3b0";
  var PATH_COLOR = "#d62f8a";

  // -- small helpers ----------------------------------------------------------------------
  function el(tag, attrs, children) {
    var element = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") element.textContent = attrs[key];
      else if (key === "className") element.className = attrs[key];
      else element.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) element.appendChild(child); });
    return element;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function edgeId(a, b) { return a < b ? a + " " + b : b + " " + a; }
  function linkTitle(a, b, talks) { return a + " – " + b + ": " + plural(talks, "talk") + " (click for the sentences)"; }
  function api(path, params) {
    var query = new URLSearchParams(params).toString();
    return fetch(path + "?" + query, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      });
    });
  }

  // -- state, read from and written to the URL ---------------------------------------------
  var params = new URLSearchParams(window.location.search);
  var state = {
    hide: new Set(params.getAll("hide")),
    off: new Set((params.get("off") || "").split(",").filter(Boolean)),
    minEdge: parseInt(params.get("min_edge") || "1", 10) || 1,
    minTalks: parseInt(params.get("min_talks") || "0", 10) || 0,
    colour: params.get("colour") === "community" ? "community" : "class",
    size: params.get("size") === "links" ? "links" : "talks",
    others: params.get("others") !== "0",
    expand: params.getAll("expand"),
    select: params.get("select"),
    from: params.get("from"),
    to: params.get("to"),
  };
  var undoStack = [];

  function writeUrl() {
    var out = new URLSearchParams(window.location.search);
    ["hide", "off", "min_edge", "min_talks", "colour", "size", "others", "expand", "select", "from", "to", "format"]
      .forEach(function (key) { out.delete(key); });
    state.hide.forEach(function (id) { out.append("hide", id); });
    if (state.off.size) out.set("off", Array.from(state.off).join(","));
    if (state.minEdge > 1) out.set("min_edge", state.minEdge);
    if (state.minTalks > 0) out.set("min_talks", state.minTalks);
    if (state.colour !== "class") out.set("colour", state.colour);
    if (state.size !== "talks") out.set("size", state.size);
    if (!state.others) out.set("others", "0");
    state.expand.forEach(function (id) { out.append("expand", id); });
    if (state.select) out.set("select", state.select);
    if (state.from) out.set("from", state.from);
    if (state.to) out.set("to", state.to);
    var query = out.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    document.querySelectorAll(".exports a[data-format]").forEach(function (link) {
      var exported = new URLSearchParams(out);
      exported.set("format", link.getAttribute("data-format"));
      link.setAttribute("href", window.location.pathname + "?" + exported.toString());
    });
  }

  // -- the network --------------------------------------------------------------------------
  // A big graph opens with its heaviest links and gets the rest right after its first frame.
  var byWeight = data.edges.slice().sort(function (a, b) { return b.talks - a.talks; });
  var later = new Set(byWeight.slice(data.firstEdges).map(function (edge) { return edge.id; }));
  var EDGE_COLOR = data.options.edges.color.color;
  // Sizes and widths are set here rather than left to vis-network's `value` scaling, which rescales
  // every node and edge and lays out every label again each time the data changes.
  var START_SCALE = 0.6;  // the first zoom is no further out than this (see the first drawing below)
  var SCALING = data.options.nodes.scaling, EDGE_SCALING = data.options.edges.scaling;
  function scaler(values) {  // vis-network's own linear scale: 0 for the least, 1 for the most
    var min = Infinity, max = -Infinity;
    values.forEach(function (v) { min = Math.min(min, v); max = Math.max(max, v); });
    return function (v) { return max === min ? 0.5 : Math.max(0, Math.min(1, (v - min) / (max - min))); };
  }
  function sizeKey(node) { return state.size === "links" ? node.links : node.weight; }
  var nodeScale;
  function sized(node, font) {
    var s = nodeScale(sizeKey(node));
    node.size = SCALING.min + s * (SCALING.max - SCALING.min);
    node.font = { size: Math.min(font || Infinity, SCALING.label.min + s * (SCALING.label.max - SCALING.label.min)) };
    return node;
  }
  // Zoomed out, only the biggest nodes are labelled: a label is drawn once its font size times the zoom
  // reaches the legible size (drawThreshold - 1 px), so the LABELLED biggest keep their font and the
  // others get smaller ones, each rank a little later as one zooms in (about as many labels on the
  // screen at every zoom), never below FONT_FLOOR, so every label shows once zoomed in far enough.
  var LEGIBLE = SCALING.label.drawThreshold - 1, LABELLED = 120, FONT_FLOOR = 6;
  function sizeAll(list) {
    nodeScale = scaler(list.map(sizeKey));
    var ranked = list.slice().sort(function (a, b) { return sizeKey(b) - sizeKey(a) || (a.id < b.id ? -1 : 1); });
    ranked.forEach(function (node, rank) {
      var font = rank < LABELLED ? Infinity : Math.max(FONT_FLOOR, LEGIBLE / START_SCALE * Math.sqrt(LABELLED / (rank + 1)) - 0.01);
      sized(node, font);
    });
    return list;
  }
  function edgeWeight(edge) { return edge.faint ? 1 : edge.talks; }
  var edgeScale = scaler(data.edges.map(edgeWeight));
  function widened(edge) {
    edge.width = EDGE_SCALING.min + edgeScale(edgeWeight(edge)) * (EDGE_SCALING.max - EDGE_SCALING.min);
    return edge;
  }
  sizeAll(data.nodes);
  // vis-network measures the text of every label when it sizes the nodes, drawn or not: half the time it
  // took to build a network of 5,000 nodes. On a big graph a node is given its label (and font) only once
  // the zoom makes it legible and it is in view (labelInView, below); its text is in `name` all along.
  var LAZY_LABELS = 1000;  // nodes: smaller graphs get every label at once
  var unlabelled = new Map();  // id → {x, y, name, font}, for the nodes drawn without their label so far
  function withoutLabel(node) {  // keeps a node's label and font aside if it is not legible at the start
    if (!unlabelled.has(node.id) && (data.nodes.length <= LAZY_LABELS || node.font.size * START_SCALE >= LEGIBLE)) return node;
    var kept = unlabelled.get(node.id) || { x: node.x, y: node.y, name: node.name };
    kept.font = node.font;
    unlabelled.set(node.id, kept);
    delete node.label;
    delete node.font;
    return node;
  }
  data.nodes.forEach(function (node) { node.name = node.label; withoutLabel(node); });
  data.edges.forEach(function (edge) { edge.baseColor = edge.color || EDGE_COLOR; widened(edge); });
  performance.mark("talkgraph:data");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var pathEdges = new Set();
  var pathNodes = new Set();

  function keepNode(node) {
    return !state.hide.has(node.id) && !state.off.has(node.group) && node.talks >= state.minTalks;
  }
  function keepEdge(edge) {
    if (pathEdges.has(edge.id)) return true;
    if (later.has(edge.id)) return false;
    if (edge.talks < state.minEdge) return false;
    return state.others || !edge.faint;
  }
  var nodeView = new vis.DataView(nodes, { filter: keepNode });
  var edgeView = new vis.DataView(edges, { filter: keepEdge });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  performance.mark("talkgraph:network");
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    // on a touch screen a swipe scrolls the page, not the graph: the buttons pan and zoom it
    network.setOptions({ interaction: { dragView: false, zoomView: false } });
  }
  window.talkgraphNetwork = network;
  window.talkgraphExplorer = { nodes: nodes, edges: edges, state: state };

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    writeUrl();
    document.getElementById("undo").disabled = undoStack.length === 0;
  }

  function colourOf(node) {
    if (pathNodes.has(node.id)) return PATH_COLOR;
    if (state.colour === "community") {
      return node.community ? data.communityColors[(node.community - 1) % data.communityColors.length] : GREY;
    }
    return data.classColors[node.group] || GREY;  // what the group gives it too
  }
  function restyle() {
    var styled = sizeAll(nodes.get().map(function (node) {
      return { id: node.id, links: node.links, weight: node.weight, color: colourOf(node) };
    }));
    nodes.update(styled.map(function (node) { return unlabelled.has(node.id) ? withoutLabel(node) : node; }));
    edges.update(edges.get().map(function (edge) {
      var onPath = pathEdges.has(edge.id);
      var dimmed = pathEdges.size && !onPath;  // while a path is shown, the rest steps back
      return { id: edge.id, color: onPath ? PATH_COLOR : dimmed ? "rgba(120,130,145,0.12)" : edge.baseColor };
    }));
  }

  // -- the details panel --------------------------------------------------------------------
  function show(children) {
    details.replaceChildren.apply(details, children.filter(Boolean));
  }
  function sentences(list, max) {
    return list.slice(0, max).map(function (s) { return el("blockquote", { text: s }); });
  }
  function nodeButton(text, action, label) {
    var button = el("button", { type: "button", text: text });
    if (label) button.setAttribute("aria-label", label);
    button.addEventListener("click", action);
    return button;
  }
  function focusLink(node) {
    var link = el("a", { href: node.page, text: node.label });
    link.addEventListener("click", function (event) {
      if (nodes.get(node.iri)) { event.preventDefault(); selectNode(node.iri, true); }
    });
    return link;
  }

  function showNode(id) {
    fullTooltip(id);
    var known = nodes.get(id);
    show([el("p", { className: "small", text: "Loading " + (known ? known.name : id) + "…" })]);
    api("/api/resource", { ref: id }).then(function (info) {
      var talks = info.talks || [];
      var parts = [
        el("p", { className: "cls " + info["class"].toLowerCase(), text: info["class"] }),
        el("h2", { text: info.label }),
        info.curated === false ? el("p", { className: "small unvetted", text: "Unvetted: found in the notes, not in the vocabulary" }) : null,
        el("p", {}, [el("a", { href: info.page, text: "Open its page" })]),
        el("div", { className: "actions" }, [
          nodeButton("Expand", function () { expand(id); }, "Expand: add the neighbours of " + info.label),
          nodeButton("Hide", function () { hideNode(id); }, "Hide " + info.label),
          nodeButton("Path from", function () { pathEnd("from", id); }, "Path from " + info.label),
          nodeButton("Path to", function () { pathEnd("to", id); }, "Path to " + info.label),
        ]),
      ];
      if (info.names) {
        parts.push(el("h3", { text: "Names " + plural(info.names.length, "thing") }));
        parts.push(el("ul", {}, info.names.slice(0, 15).map(function (named) {
          return el("li", {}, [focusLink(named), el("span", { className: "small", text: " " + named["class"] })]
            .concat(sentences(named.sentences, 1)));
        })));
      } else {
        parts.push(el("h3", { text: "Named in " + plural(talks.length, "talk") }));
        parts.push(el("ul", {}, talks.slice(0, 10).map(function (talk) {
          return el("li", {}, [el("a", { href: talk.page, text: talk.label })].concat(sentences(talk.sentences, 2)));
        })));
        if (talks.length > 10) parts.push(el("p", { className: "small", text: "… and " + (talks.length - 10) + " more on its page" }));
      }
      if (info.cooccurring && info.cooccurring.length) {
        parts.push(el("h3", { text: "Co-occurring tools" }));
        parts.push(el("p", { className: "small", text: "Talks naming both; the score divides them by the square root of each one's talks, so ubiquitous tools do not top every list." }));
        parts.push(el("ol", {}, info.cooccurring.slice(0, 10).map(function (co) {
          return el("li", {}, [focusLink(co), el("span", { className: "small", text: " " + plural(co.talks, "talk") + " · score " + co.score })]);
        })));
      }
      show(parts);
    }).catch(function (error) { show([el("p", { className: "error", text: error.message })]); });
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    var a = nodes.get(edge.from), b = nodes.get(edge.to);
    show([el("p", { className: "small", text: "Loading the evidence…" })]);
    api("/api/edge", { source: edge.from, target: edge.to }).then(function (answer) {
      show([el("p", { className: "cls", text: "Link" }), el("h2", { text: a.name + " – " + b.name })]
        .concat(evidence(answer, 10)));
    }).catch(function (error) { show([el("p", { className: "error", text: error.message })]); });
  }
  function evidence(answer, max) {
    var out = [el("p", { className: "explanation", text: answer.explanation })];
    out.push(el("ul", { className: "evidence" }, answer.evidence.slice(0, max).map(function (item) {
      // a sentence naming both ends first, else one naming each end
      var both = item.source_sentences.filter(function (s) { return item.target_sentences.indexOf(s) >= 0; });
      var quoted = both.length ? both : item.source_sentences.slice(0, 1).concat(item.target_sentences.slice(0, 1));
      return el("li", {}, [el("a", { href: item.talk.page, text: item.talk.label })].concat(sentences(quoted, 2)));
    })));
    return out;
  }

  // -- actions -------------------------------------------------------------------------------
  function selectNode(id, centre) {
    if (!nodes.get(id)) return;
    if (state.hide.has(id)) { state.hide.delete(id); refresh(); }
    network.selectNodes([id]);
    if (centre) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    state.select = id;
    writeUrl();
    showNode(id);
  }

  function place(around, count, index) {
    var centre = network.getPosition(around);
    var radius = 160 + 6 * count;
    var angle = (2 * Math.PI * index) / Math.max(count, 1);
    return { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  }

  function addNeighbours(answer, anchor) {
    var added = { nodes: [], edges: [] };
    var fresh = answer.results.filter(function (n) { return !nodes.get(n.iri); });
    if (!nodes.get(answer.node.iri)) fresh.unshift({ iri: answer.node.iri, label: answer.node.label, "class": answer.node["class"], curated: answer.node.curated, talks: 0 });
    fresh.forEach(function (n, index) {
      var position = anchor && nodes.get(anchor) ? place(anchor, fresh.length, index) : network.getViewPosition();
      var node = {
        id: n.iri, label: n.label, name: n.label, group: n["class"], talks: n.talks, links: Math.log1p(n.weight || 1), community: 0,
        weight: Math.log1p(n.talks), url: n.page, title: n.label + "\n" + n["class"] + "\nnamed in " + plural(n.talks, "talk"),
        x: position.x, y: position.y,
      };
      if (n.curated === false) {  // an unvetted tool: drawn and described as the server's pages draw it
        node.curated = false; node.borderWidth = 3; node.shapeProperties = { borderDashes: [6, 4] };
        node.title = n.label + "\n" + n["class"] + "\nunvetted: found in the notes, not in the vocabulary\nnamed in " + plural(n.talks, "talk");
      }
      node.color = colourOf(node);
      nodes.add(sized(node));
      added.nodes.push(n.iri);
    });
    answer.links.forEach(function (link) {
      var id = edgeId(link[0], link[1]);
      if (edges.get(id)) return;
      var a = nodes.get(link[0]), b = nodes.get(link[1]);
      edges.add(widened({ id: id, from: link[0], to: link[1], talks: link[2], baseColor: EDGE_COLOR,
        title: linkTitle(a.name, b.name, link[2]) }));
      added.edges.push(id);
    });
    return added;
  }

  function expand(id, quiet) {
    return api("/api/neighbours", { ref: id, graph: data.expandGraph, limit: data.expandLimit }).then(function (answer) {
      var added = addNeighbours(answer, id);
      if (state.expand.indexOf(id) < 0) state.expand.push(id);
      if (!quiet) undoStack.push({ kind: "expand", id: id, added: added });
      refresh();
      container.setAttribute("data-expanded", String(state.expand.length));
      if (!quiet) show([el("p", { text: "Added " + plural(added.nodes.length, "node") + " and " + plural(added.edges.length, "link") + " around " + answer.node.label + "." })]);
      return answer;
    }).catch(function (error) { show([el("p", { className: "error", text: error.message })]); });
  }

  function hideNode(id) {
    if (state.hide.has(id)) return;
    state.hide.add(id);
    undoStack.push({ kind: "hide", id: id });
    if (state.select === id) state.select = null;
    refresh();
    show([el("p", { text: "Hidden. Undo brings it back." })]);
  }

  function undo() {
    var step = undoStack.pop();
    if (!step) return;
    if (step.kind === "hide") state.hide.delete(step.id);
    if (step.kind === "expand") {
      edges.remove(step.added.edges);
      nodes.remove(step.added.nodes);
      state.expand = state.expand.filter(function (id) { return id !== step.id; });
    }
    if (step.kind === "class") { if (step.off) state.off.delete(step.cls); else state.off.add(step.cls); syncLegend(); }
    refresh();
  }

  // -- paths -----------------------------------------------------------------------------------
  function pathEnd(which, id) {
    state[which] = id;
    writeUrl();
    if (state.from && state.to) findPath();
    else show([el("p", { text: "Now pick the other end and press “Path " + (which === "from" ? "to" : "from") + "”." })]);
  }
  function findPath() {
    return api("/api/connection", { source: state.from, target: state.to }).then(function (answer) {
      pathNodes = new Set(); pathEdges = new Set();
      var parts = [el("p", { className: "cls", text: "Path" }), el("h2", { text: answer.source.label + " → " + answer.target.label })];
      if (!answer.found) parts.push(el("p", { text: "No path links them." }));
      answer.paths.forEach(function (path, number) {
        path.nodes.forEach(function (n, index) {
          if (!nodes.get(n.iri)) {
            var a = nodes.get(path.nodes[0].iri), b = nodes.get(path.nodes[path.nodes.length - 1].iri);
            var t = (index + 1) / (path.nodes.length + 1);
            var x = a && b ? a.x + (b.x - a.x) * t : 0, y = a && b ? a.y + (b.y - a.y) * t + 40 * number : 0;
            addNeighbours({ node: n, results: [], links: [] }, null);
            nodes.update({ id: n.iri, x: x, y: y });
          }
          pathNodes.add(n.iri);
        });
        var steps = el("ol", { className: "steps" });
        path.steps.forEach(function (step) {
          var id = edgeId(step.source.iri, step.target.iri);
          if (!edges.get(id)) {
            edges.add(widened({ id: id, from: step.source.iri, to: step.target.iri, talks: step.talks, baseColor: EDGE_COLOR }));
          }
          pathEdges.add(id);
          steps.appendChild(el("li", {}, [el("strong", { text: step.source.label + " – " + step.target.label })].concat(evidence(step, 2))));
        });
        parts.push(el("h3", { text: "Path " + (number + 1) + ": " + path.nodes.map(function (n) { return n.label; }).join(" – ") }));
        parts.push(steps);
      });
      parts.push(nodeButton("Clear the path", clearPath));
      restyle();
      refresh();
      if (pathNodes.size) network.fit({ nodes: Array.from(pathNodes), animation: false, maxZoomLevel: 1.2 });
      container.setAttribute("data-path", String(answer.paths.length));
      show(parts);
    }).catch(function (error) { show([el("p", { className: "error", text: error.message })]); });
  }
  function clearPath() {
    state.from = state.to = null;
    pathNodes = new Set(); pathEdges = new Set();
    restyle(); refresh();
    show([el("p", { text: "Path cleared." })]);
  }

  // -- search with typeahead ---------------------------------------------------------------------
  var input = document.getElementById("explore-search");
  var list = document.getElementById("explore-suggestions");
  var active = -1, timer = null, seq = 0;
  function closeList() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; input.removeAttribute("aria-activedescendant"); }
  function choose(hit) {
    closeList();
    input.value = hit.label;
    if (nodes.get(hit.iri)) selectNode(hit.iri, true);
    else expand(hit.iri).then(function () { selectNode(hit.iri, true); });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { closeList(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      api("/api/suggest", { q: q, limit: 8 }).then(function (answer) {
        if (mine !== seq) return;
        list.replaceChildren();
        answer.results.forEach(function (hit, index) {
          var option = el("li", { id: "suggestion-" + index, role: "option", "aria-selected": "false" }, [
            el("span", { text: hit.label }),
            el("span", { className: "small", text: " " + hit["class"] + (hit.matched !== hit.label ? " · “" + hit.matched + "”" : "") + " · " + plural(hit.talks, "talk") + (nodes.get(hit.iri) ? "" : " · not drawn yet") }),
          ]);
          option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(hit); });
          option.hit = hit;
          list.appendChild(option);
        });
        if (!answer.results.length) list.appendChild(el("li", { role: "option", "aria-disabled": "true", text: "Nothing matches" }));
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      });
    }, 120);
  });
  input.addEventListener("keydown", function (event) {
    var options = Array.prototype.filter.call(list.children, function (o) { return o.hit; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
      options.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === active)); });
      input.setAttribute("aria-activedescendant", options[active].id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (options.length) choose(options[Math.max(active, 0)].hit);
    } else if (event.key === "Escape") {
      closeList();
    }
  });
  input.addEventListener("blur", function () { setTimeout(closeList, 150); });

  // -- controls ----------------------------------------------------------------------------------
  function syncLegend() {
    document.querySelectorAll(".class-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", String(!state.off.has(button.getAttribute("data-class"))));
    });
  }
  document.querySelectorAll(".class-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var cls = button.getAttribute("data-class");
      var off = !state.off.has(cls);
      if (off) state.off.add(cls); else state.off.delete(cls);
      undoStack.push({ kind: "class", cls: cls, off: off });
      syncLegend();
      refresh();
    });
  });
  function slider(id, key, max) {
    var range = document.getElementById(id), output = document.getElementById(id + "-value");
    range.max = String(Math.max(max, parseInt(range.min, 10) + 1));
    range.value = String(state[key]);
    output.textContent = String(state[key]);
    range.addEventListener("input", function () {
      state[key] = parseInt(range.value, 10);
      output.textContent = range.value;
      refresh();
    });
  }
  slider("min-edge", "minEdge", Math.min(50, Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.talks; })))));
  slider("min-talks", "minTalks", Math.min(50, Math.max.apply(null, [0].concat(data.nodes.map(function (n) { return n.talks; })))));
  var colourMode = document.getElementById("colour-mode"), sizeMode = document.getElementById("size-mode");
  colourMode.value = state.colour;
  sizeMode.value = state.size;
  colourMode.addEventListener("change", function () { state.colour = colourMode.value; restyle(); refresh(); });
  sizeMode.addEventListener("change", function () { state.size = sizeMode.value; restyle(); refresh(); });
  var radius = document.getElementById("radius");
  if (radius) {
    radius.value = params.get("radius") || "1";
    radius.addEventListener("change", function () {
      var next = new URLSearchParams(window.location.search);
      next.set("radius", radius.value);
      window.location.assign(window.location.pathname + "?" + next.toString());
    });
  }
  var others = document.getElementById("show-others");
  if (others) {
    others.checked = state.others;
    others.addEventListener("change", function () { state.others = others.checked; refresh(); });
  }
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("export-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    var link = el("a", { href: copy.toDataURL("image/png"), download: (document.title.split(" · ")[0] || "graph") + ".png" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  container.addEventListener("keydown", function (event) {
    var selected = network.getSelectedNodes()[0];
    if ((event.key === "Delete" || event.key === "Backspace") && selected) hideNode(selected);
    else if (event.key === "Enter" && selected) expand(selected);
    else if ((event.ctrlKey || event.metaKey) && event.key === "z") undo();
  });

  // -- tooltips: the page's own at once, the full one from the server (asked once per node, when vis-network
  // shows a popup after its delay: a pointer crossing nodes asks nothing) -----------------------------------
  var tooltips = new Map();  // node id → the request for its full tooltip's text
  var popupFor = null;  // the node whose tooltip vis-network shows now
  function fullTooltip(id) {
    if (!tooltips.has(id)) {
      tooltips.set(id, api("/api/tooltip", { ref: id }).then(function (answer) { return answer.text; }));
    }
    // applied at every call, not only the first: a node removed and drawn again (undo, expand) has the short text
    return tooltips.get(id).then(function (text) {
      var node = nodes.get(id);
      if (node && node.title !== text) nodes.update({ id: id, title: text });
      var shown = container.querySelector(".vis-tooltip");  // shown already with the page's text: replaced
      if (popupFor === id && shown) shown.innerText = text;
    }, function () { tooltips.delete(id); });  // asked again at the next popup
  }
  network.on("showPopup", function (id) { popupFor = id; if (nodes.get(id)) fullTooltip(id); });
  network.on("hidePopup", function () { popupFor = null; });

  network.on("click", function (event) {
    if (event.nodes.length === 1) { state.select = event.nodes[0]; writeUrl(); showNode(event.nodes[0]); }
    else if (event.edges.length === 1) showEdge(event.edges[0]);
  });
  network.on("doubleClick", function (event) { if (event.nodes.length === 1) expand(event.nodes[0]); });

  // -- first drawing -----------------------------------------------------------------------------
  syncLegend();
  if (state.colour !== "class" || state.size !== "talks") restyle();  // the server drew classes and talks
  // Fitting a big graph zooms out until no label is legible: start no further out than where the
  // biggest nodes' labels are drawn (30 px × 0.6 = 18 px), centred on the focus if there is one.
  var fitScale = network.getScale();
  var centre = data.focus && nodes.get(data.focus) ? { x: 0, y: 0 } : network.getViewPosition();
  network.moveTo({ position: centre, scale: Math.max(fitScale, START_SCALE) });
  function labelInView() {
    var scale = network.getScale(), box = container.getBoundingClientRect();
    var from = network.DOMtoCanvas({ x: -100, y: -50 }), to = network.DOMtoCanvas({ x: box.width + 100, y: box.height + 50 });
    var batch = [];
    unlabelled.forEach(function (node, id) {
      if (node.font.size * scale < LEGIBLE || node.x < from.x || node.x > to.x || node.y < from.y || node.y > to.y) return;
      batch.push({ id: id, label: node.name, font: node.font });
      unlabelled.delete(id);
    });
    if (batch.length) nodes.update(batch.filter(function (update) { return nodes.get(update.id); }));
  }
  var seen = null, labelling = null;
  network.on("afterDrawing", function () {  // however the view moved (mouse, keys, buttons, our script)
    if (!unlabelled.size) return;
    var now = network.getScale() + " " + JSON.stringify(network.getViewPosition());
    if (now === seen) return;
    seen = now;
    clearTimeout(labelling);
    labelling = setTimeout(labelInView, 80);
  });
  network.once("afterDrawing", function () {
    performance.mark("talkgraph:drawn");
    container.setAttribute("data-drawn", String(nodes.length));
    container.setAttribute("data-drawn-ms", String(Math.round(performance.now())));  // since navigation start
    setTimeout(addLater, 0);
  });
  // The rest of a big graph's links come in a few big batches: each batch costs vis-network a pass over
  // every node and link whatever its size (0.25-0.45 s on the loaded build machine, 1,500 links or 500),
  // so on 14,000 links 1,500 at a time took 11-20 s to add them all, 7,000 at a time 2.4-3.4 s.
  var BATCH = 5000;
  function addLater() {
    var batch = Array.from(later).slice(0, BATCH);
    batch.forEach(function (id) { later.delete(id); });
    if (batch.length) edgeView.refresh();
    if (later.size) setTimeout(addLater, 50);  // a frame and any input in between
    else container.setAttribute("data-complete-ms", String(Math.round(performance.now())));
  }
  // expansions in the URL are drawn already: the server rebuilt the page with them
  var ready = state.from && state.to ? findPath() : Promise.resolve();
  ready.then(function () {
    if (state.select && nodes.get(state.select) && !(state.from && state.to)) selectNode(state.select, false);
    refresh();
    container.setAttribute("data-ready", "true");
  });
})();
