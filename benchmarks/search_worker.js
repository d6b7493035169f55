// Material's search worker in Node, on a built site: the CPU time of its setup (the lunr index built from
// search/search_index.json, Japanese text cut by the site's TinySegmenter), as the browser's worker does it
// when a page loads. Run by bench_search.py: node benchmarks/search_worker.js SITE
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const workers = path.join(site, "assets/javascripts/workers");
const worker = fs.readdirSync(workers).find((name) => /^search\..*\.min\.js$/.test(name));
const scope = { console, setTimeout, clearTimeout, performance };
let onMessage = null;
let answer = null;
scope.self = scope;
scope.addEventListener = (type, listener) => {
  if (type === "message") onMessage = listener;
};
scope.postMessage = (message) => answer(message);
scope.importScripts = (...urls) => {
  for (const url of urls) vm.runInContext(fs.readFileSync(path.join(workers, url), "utf8"), scope);
};
vm.createContext(scope);
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), scope);

const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
const before = process.cpuUsage();
new Promise((resolve) => {
  answer = resolve;
  onMessage({ data: { type: 0, data: index } });
}).then((message) => {
  const used = process.cpuUsage(before);
  if (message.type !== 1) throw new Error(`the worker answered ${JSON.stringify(message)}`);
  console.log(JSON.stringify({ setup_cpu_ms: Math.round((used.user + used.system) / 1000) }));
});
