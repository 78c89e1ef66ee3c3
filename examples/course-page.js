// The course page's script: mount() into a div, and the iframe client. The custom element needs
// no script beyond the library itself. Each way sets data-*-ready on <body> once it is drawn.
import { connectEmbed, mount } from '../lib/loss-landscape-explorer.js';

const element = document.getElementById('element-demo');
element.addEventListener('lle:ready', () => (document.body.dataset.elementReady = 'true'));

const widget = mount(document.getElementById('mount-demo'), {
  autoplay: false,
  hide: ['runs'],
  document: {
    experiment: {
      problem: { kind: 'surface', surface: 'rosenbrock' },
      runs: [
        { optimizer: 'sgd', lr: 0.001 },
        { optimizer: 'adam', lr: 0.05 },
      ],
      steps: 300,
      recordEvery: 2,
    },
    display: { viewMode: 'contour' },
  },
});
const mountStatus = document.getElementById('mount-status');
widget.on('ready', () => {
  document.body.dataset.mountReady = 'true';
  mountStatus.textContent = 'Ready.';
});
widget.on('step', ({ step, losses }) => {
  mountStatus.textContent = `Step ${step}: ${losses.map((l) => l.toPrecision(3)).join(', ')}`;
});
document.getElementById('mount-play').addEventListener('click', () => void widget.play());
document.getElementById('mount-pause').addEventListener('click', () => void widget.pause());

const iframe = document.getElementById('iframe-demo');
const embed = connectEmbed(iframe);
const iframeStatus = document.getElementById('iframe-status');
embed.on('ready', () => {
  document.body.dataset.iframeReady = 'true';
  iframeStatus.textContent = 'Ready.';
});
embed.on('step', ({ step }) => (iframeStatus.textContent = `Step ${step}`));
embed.on(
  'diverged',
  ({ name, step }) => (iframeStatus.textContent = `${name} diverged at step ${step}`),
);
document.getElementById('iframe-play').addEventListener('click', () => void embed.play());
