// The query page: the bundled YASGUI editor against this server's /sparql only.
// Nothing leaves the server: remote autocompleters, URL-given endpoints and the
// endpoint catalogue are switched off. Every query is kept in the page URL
// (?query=…), so the address bar is always a shareable link.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  Yasgui.Yasqe.defaults.value = config.query;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    populateFromUrl: false,
    persistenceId: null,
  });
  var tab = yasgui.getTab();
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
            nodes.add({ id: id, label: label.length > 40 ? label.slice(0, 39) + "…" : label, title: label,
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
          new vis.Network(graphBox, { nodes: nodes, edges: new vis.DataSet(edges) },
                          { physics: { stabilization: { iterations: 150 } }, interaction: { hover: true } });
        }
      });
  }

  yasgui.on("query", function (instance, queriedTab) {
    graphBox.hidden = graphTitle.hidden = true;  // shown again if the answer is a graph
    share(queriedTab.getQuery());
  });
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
      tab.query();
    });
  });
  if (new URL(window.location.href).searchParams.get("query")) tab.query();
})();
