// Canvases as ROOT's notebooks show them: drawn by JSROOT, interactively.
// The host sends each canvas as its static SVG and as ROOT's JSON (under
// CANVAS_JSON_MIME, root/include/cppnb/root/notebook.hpp). The notebook gets
// text/html that shows the SVG and, where the frontend runs the output's
// script (Notebook 6/7, nbclassic, JupyterLab, trusted), replaces it by
// JSROOT's drawing. JSROOT's modules come from the kernelspec's own directory
// (`cppnb install` copies them there), which every Jupyter server serves under
// kernelspecs/NAME/: no internet, and any base URL (a hub's /user/NAME/).
// Without JavaScript (nbconvert, GitHub) the SVG stays: the image/svg+xml
// entry is kept beside the HTML.
import { randomUUID } from 'node:crypto';
import type { MimeBundle } from '../kernel/language.js';

export const CANVAS_JSON_MIME = 'application/x-cppnb-root-canvas';

// Where JSROOT's modules are under the kernelspec's directory.
export const JSROOT_DIR = 'jsroot';

export class CanvasDisplay {
  // %jsroot on|off (ROOT's switch): off shows the static picture only.
  interactive = true;

  constructor(readonly kernelspec: string) {}

  // The bundle as the notebook gets it: the canvas's JSON becomes JSROOT's
  // drawing in text/html, or is dropped.
  forNotebook(data: MimeBundle): MimeBundle {
    const json = data[CANVAS_JSON_MIME];
    if (json === undefined) return data;
    const { [CANVAS_JSON_MIME]: _json, ...rest } = data;
    const svg = rest['image/svg+xml'];
    if (!this.interactive || typeof json !== 'string' || typeof svg !== 'string') return rest;
    return { 'text/html': canvasHtml(svg, json, this.kernelspec), ...rest };
  }
}

// A string as a JavaScript literal that cannot end, or change how the HTML
// parser reads, the <script> it is in ("</script", "<!--"): <, > and & escaped.
function scriptLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// The SVG's own size: the box JSROOT draws into.
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  return m ? { width: Math.round(Number(m[1])), height: Math.round(Number(m[2])) } : { width: 700, height: 500 };
}

export function canvasHtml(svg: string, json: string, kernelspec: string): string {
  const id = `cppnb-canvas-${randomUUID()}`;
  const { width, height } = svgSize(svg);
  const modules = `kernelspecs/${encodeURIComponent(kernelspec)}/${JSROOT_DIR}/modules/`;
  // The script finds its box, waits until the page shows it (JupyterLab runs
  // scripts before the output is attached), loads JSROOT relative to the
  // server's base URL and draws; any failure leaves the SVG.
  const script = `(function () {
  var script = document.currentScript;
  var box = (script && script.parentNode && script.parentNode.querySelector && script.parentNode.querySelector('#${id}')) || document.getElementById('${id}');
  if (!box) return;
  function baseUrl() {
    var config = document.getElementById('jupyter-config-data');
    if (config) { try { var u = JSON.parse(config.textContent).baseUrl; if (u) return u; } catch (e) {} }
    return (document.body && document.body.getAttribute('data-base-url')) || '/';
  }
  function whenShown(then, tries) {
    if (box.isConnected && box.clientWidth > 0) return then();
    if (tries > 200) return;
    setTimeout(function () { whenShown(then, tries + 1); }, 50);
  }
  whenShown(function () {
    var base = baseUrl().replace(/\\/?$/, '/') + ${JSON.stringify(modules)};
    Promise.all([import(base + 'core.mjs'), import(base + 'draw.mjs')]).then(function (m) {
      var core = m[0], draw = m[1];
      core.settings.PreferSavedPoints = true;
      var target = document.createElement('div');
      target.style.width = '${width}px';
      target.style.height = '${height}px';
      var picture = box.firstElementChild;
      box.appendChild(target);
      picture.style.display = 'none';
      return draw.draw(target, core.parse(${scriptLiteral(json)}), '').then(function () {
        box.setAttribute('data-jsroot', 'drawn');
        box.removeChild(picture);
      }, function (err) {
        box.removeChild(target);
        picture.style.display = '';
        throw err;
      });
    }).catch(function (err) {
      box.setAttribute('data-jsroot', 'failed');
      console.warn('cppnb: JSROOT could not draw this canvas; the static picture stays.', err);
    });
  }, 0);
})();`;
  // The picture as an image, not inline SVG: an untrusted notebook's HTML is
  // sanitized, which keeps images (data URIs) but strips inline SVG.
  const picture = `<img alt="canvas" width="${width}" height="${height}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`;
  return `<div id="${id}" class="cppnb-root-canvas" style="width:${width}px;height:${height}px">${picture}</div>\n<script>${script}</script>\n`;
}
