// The query page: the bundled YASGUI editor against this server's /sparql only.
// Nothing leaves the server: remote autocompleters, URL-given endpoints and the
// endpoint catalogue are switched off. Every query is kept in the page URL
// (?query=…), so the address bar is always a shareable link.
//
// Beyond that: Talkgraph's own IRIs in the results open their page on this server;
// the table's simple view is the default; a query the server refuses shows its
// message with the place marked in the editor; completion offers the ontology's
// classes and properties (given by the server, read from its ontology) with labels.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  // absolute, as YASGUI reads it with new URL(); the same origin as the page unless --base-url says otherwise
  config.endpoint = new URL(config.endpoint, window.location.href).href;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;

  // -- completion from the ontology ---------------------------------------------------
  var labels = {};  // a hint's text (tg:Talk) → its label, filled as hints are made
  function ontologyCompleter(base, kind) {
    var original = Yasqe.Autocompleters[base];
    var terms = config.terms.filter(function (t) { return t.kind === kind; });
    Yasqe.forkAutocompleter(base, {
      name: "talkgraph-" + kind,
      autoShow: true,
      get: function (yasqe, token) {
        var typed = (token && token.autocompletionString) || "";
        return terms.filter(function (t) { return t.iri.indexOf(typed) === 0; }).map(function (t) { return t.iri; });
      },
      postProcessSuggestion: function (yasqe, token, iri) {
        var text = original.postProcessSuggestion(yasqe, token, iri);
        var term = terms.find(function (t) { return t.iri === iri; });
        if (term) labels[text] = term.label;
        return text;
      },
      postprocessHints: function (yasqe, hints) {
        return hints.map(function (hint) {
          return Object.assign({}, hint, { displayText: labels[hint.text] ? hint.text + " · " + labels[hint.text] : hint.text });
        });
      },
    }, false);
  }
  ontologyCompleter("class", "class");
  ontologyCompleter("property", "property");
  Yasqe.defaults.autocompleters = ["variables", "prefixes", "talkgraph-class", "talkgraph-property"];
  Yasqe.defaults.value = config.query;

  // -- results: the simple table by default, our own IRIs opened here -----------------------
  Yasr.defaults.defaultPlugin = "table";
  Yasr.defaults.plugins.table.dynamicConfig = { compact: true, isEllipsed: false };
  Yasr.plugins.table.defaults.openIriInNewWindow = false;

  function localPage(iri) {
    if (iri.indexOf(config.own.id) === 0) {
      return "/id/" + iri.slice(config.own.id.length).split("/").map(encodeURIComponent).join("/");
    }
    return "/resource?iri=" + encodeURIComponent(iri);
  }
  // YASGUI's own controls that come without a name for assistive technology
  function nameControls(root) {
    root.querySelectorAll(".tableSizer:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", "Rows per page");
    });
  }
  function openOwnIrisHere(root) {
    root.querySelectorAll("a.iri").forEach(function (link) {
      var iri = link.getAttribute("href");
      if (iri && iri.indexOf(config.own.base) === 0) {
        link.setAttribute("href", localPage(iri));
        link.setAttribute("title", iri);
        link.removeAttribute("target");
      }
    });
  }

  // -- errors: the server's message, and the place it names marked in the editor --------------
  var marks = [];
  var markedLine = null;
  function clearMarks(yasqe) {
    marks.forEach(function (mark) { mark.clear(); });
    marks = [];
    if (markedLine !== null) yasqe.removeLineClass(markedLine, "background", "query-error-line");
    markedLine = null;
  }
  function markPosition(yasqe, line, column) {
    var index = Math.min(Math.max(line - 1, 0), yasqe.lineCount() - 1);
    var text = yasqe.getLine(index);
    var from = Math.min(Math.max(column - 1, 0), text.length);
    if (from === text.length && from > 0) from -= 1;  // the end of a line: mark its last character
    markedLine = yasqe.addLineClass(index, "background", "query-error-line");
    marks.push(yasqe.markText({ line: index, ch: from }, { line: index, ch: Math.max(from + 1, 1) },
                              { className: "query-error-mark", attributes: { title: "the error is here" } }));
    yasqe.setCursor({ line: index, ch: from });
  }
  Yasr.defaults.errorRenderers = [function (error) {
    var body;
    try { body = JSON.parse(error.text); } catch (e) { return undefined; }  // not ours: YASGUI's own message
    if (!body || typeof body.error !== "string") return undefined;
    var box = document.createElement("div");
    box.className = "query-error";
    box.setAttribute("role", "alert");
    var message = document.createElement("pre");
    message.textContent = body.error;
    box.appendChild(message);
    if (body.line) {
      var yasqe = tab.getYasqe();
      clearMarks(yasqe);
      markPosition(yasqe, body.line, body.column || 1);
      var where = document.createElement("p");
      where.textContent = "Marked in the editor: line " + body.line + ", column " + (body.column || 1) + ".";
      box.appendChild(where);
    }
    return box;
  }];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    populateFromUrl: false,
    persistenceId: null,
  });
  var tab = yasgui.getTab();
  tab.getYasqe().getInputField().setAttribute("aria-label", "SPARQL query");
  window.talkgraphQuery = yasgui;  // for the browser tests and the console
  tab.setQuery(config.query);
  tab.getYasqe().addPrefixes(config.prefixes);

  function share(query) {
    var url = new URL(window.location.href);
    url.search = "?query=" + encodeURIComponent(query);
    window.history.replaceState(null, "", url.toString());
  }

  var graphBox = document.getElementById("construct-graph");
  var graphTitle = document.querySelector(".construct-title");
  function drawConstruct(query) {
    fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/ld+json" },
      body: query,
    }).then(function (response) { return response.ok ? response.json() : []; })
      .then(function (resources) {
        var nodes = new vis.DataSet();
        var edges = [];
        function node(id, label, literal) {
          if (!nodes.get(id)) {
            nodes.add({ id: id, label: label.length > 40 ? label.slice(0, 39) + "…" : label,
                        title: id.indexOf(config.own.base) === 0 ? label + " (double-click to open its page)" : label,
                        shape: literal ? "box" : "dot", color: literal ? "#eef1f6" : "#4c8bf5" });
          }
        }
        resources.forEach(function (resource) {
          var subject = resource["@id"];
          node(subject, subject.split(/[\/#]/).pop(), false);
          Object.keys(resource).forEach(function (predicate) {
            if (predicate.charAt(0) === "@") return;
            resource[predicate].forEach(function (object, i) {
              var id = object["@id"] || subject + " " + predicate + " " + i;
              node(id, object["@id"] ? object["@id"].split(/[\/#]/).pop() : String(object["@value"]), !object["@id"]);
              edges.push({ from: subject, to: id, label: predicate.split(/[\/#]/).pop(), arrows: "to" });
            });
          });
        });
        graphBox.hidden = graphTitle.hidden = nodes.length === 0;
        if (nodes.length) {
          var network = new vis.Network(graphBox, { nodes: nodes, edges: new vis.DataSet(edges) },
                                        { physics: { stabilization: { iterations: 150 } }, interaction: { hover: true } });
          network.on("doubleClick", function (event) {  // a double-click opens an IRI of ours here, like the table's links
            var id = event.nodes[0];
            if (id && id.indexOf(config.own.base) === 0) window.location.assign(localPage(id));
          });
          window.talkgraphConstruct = network;
        }
      });
  }

  yasgui.on("query", function (instance, queriedTab) {
    graphBox.hidden = graphTitle.hidden = true;  // shown again if the answer is a graph
    clearMarks(queriedTab.getYasqe());
    share(queriedTab.getQuery());
  });
  new MutationObserver(function () {
    var root = document.getElementById("yasgui");
    openOwnIrisHere(root);
    nameControls(root);
  })
    .observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  yasgui.on("queryResponse", function (instance, queriedTab) {
    var yasqe = queriedTab.getYasqe();
    var type = yasqe.getQueryType ? yasqe.getQueryType() : "";
    if (type === "CONSTRUCT" || type === "DESCRIBE") drawConstruct(queriedTab.getQuery());
  });

  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      tab.setQuery(link.getAttribute("data-query"));
      share(link.getAttribute("data-query"));
      run();
    });
  });
  function run() {
    tab.query().catch(function () {});  // a refused query is shown in the results, not thrown again
  }
  if (new URL(window.location.href).searchParams.get("query")) run();
})();
