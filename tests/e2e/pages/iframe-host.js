// A parent page: embeds `?embed=<url>` in the iframe, connects the library's iframe client and
// records what it hears (window.__host). `?connect=0` leaves the client out (raw messages only).
import { connectEmbed } from '/lib/loss-landscape-explorer.js';

const params = new URLSearchParams(location.search);
const iframe = document.getElementById('embed');
iframe.src = params.get('embed') ?? '/embed.html';
const host = { events: [], raw: [], embed: null };
window.__host = host;
window.addEventListener('message', (event) =>
  host.raw.push({ origin: event.origin, data: event.data }),
);
if (params.get('connect') !== '0') {
  host.embed = connectEmbed(iframe);
  for (const name of ['ready', 'step', 'landscape', 'diverged', 'error'])
    host.embed.on(name, (detail) => host.events.push({ name, detail }));
}
document.body.dataset.hostReady = 'true';
