// Reads JSON-LD documents back into N-Quads with jsonld.js, offline, for tests/test_jsonld_js.py.
// stdin: {"contexts": {url: file}, "documents": {name: document}, "frames": {name: {"input": ..., "frame": ...}}}
// stdout: {name: {"nquads": text} | {"error": message}}: each document's quads, and each frame's result
// (jsonld.js framing the input with the frame, as a data team would) read back the same way.
// Only the contexts named on stdin are served (from disk); any other URL is an error, so nothing is
// fetched from the network. Safe mode makes jsonld.js fail where it would silently drop a key or value.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';

const input = JSON.parse(readFileSync(0, 'utf8'));
const contexts = input.contexts || {};

async function documentLoader(url) {
  if (!Object.hasOwn(contexts, url)) {
    throw new Error(`offline: no bundled document for ${url}`);
  }
  return { contextUrl: null, documentUrl: url, document: JSON.parse(readFileSync(contexts[url], 'utf8')) };
}

const jobs = Object.entries(input.documents || {}).map(([name, doc]) => [name, async () => doc]);
for (const [name, { input: data, frame }] of Object.entries(input.frames || {})) {
  jobs.push([name, () => jsonld.frame(data, frame, { documentLoader, omitDefault: true })]);
}
const out = {};
for (const [name, job] of jobs) {
  try {
    const doc = await job();
    out[name] = { nquads: await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true }) };
  } catch (err) {
    const cause = err.details && err.details.cause ? ` (${err.details.cause.message || err.details.cause})` : '';
    const details = err.details && err.details.event ? ' ' + JSON.stringify(err.details.event).slice(0, 300) : '';
    out[name] = { error: `${err.name}: ${err.message}${cause}${details}` };
  }
}
process.stdout.write(JSON.stringify(out));
