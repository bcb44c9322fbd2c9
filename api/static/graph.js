// Draws a graph page with the bundled vis-network. Node and edge data arrive as JSON
// (never as HTML); each tooltip becomes a text node, so labels from notes stay text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  function textTooltip(text) {
    var element = document.createElement("div");
    element.className = "tooltip-text";
    element.textContent = text;
    return element;
  }
  data.nodes.forEach(function (node) { if (node.title) node.title = textTooltip(node.title); });
  data.edges.forEach(function (edge) { if (edge.title) edge.title = textTooltip(edge.title); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.once("afterDrawing", function () {
    container.setAttribute("data-drawn", String(nodes.length));
  });
  network.on("click", function (event) {
    if (event.nodes.length === 1) {
      var node = nodes.get(event.nodes[0]);
      if (node && node.url) window.location.assign(node.url);
    }
  });
  window.talkgraphNetwork = network;
})();
