/*
 * The responsive embed for news pages: every <div data-atlas-embed="URL"> becomes an
 * iframe of that atlas view, sized to its content as the embed reports its height
 * (postMessage); an <iframe data-atlas-frame> (the oEmbed HTML) is sized the same way. Plain
 * script, no dependencies; safe to include more than once.
 */
(function () {
  'use strict';
  var frames = [];
  function mount(div) {
    if (div.getAttribute('data-atlas-mounted')) return;
    var src = div.getAttribute('data-atlas-embed');
    var url;
    try { url = new URL(src, document.baseURI); } catch (e) { return; }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
    // The embed need not shorten its map to fit: this frame follows its height.
    url.hash = 'atlas-responsive';
    var start = parseInt(div.getAttribute('data-atlas-height'), 10);
    var iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = div.getAttribute('data-atlas-title') || '万达开云地图集 · Wan-Da-Kai-Yun Atlas';
    iframe.loading = 'lazy';
    iframe.setAttribute('allow', 'fullscreen');
    iframe.style.border = '0';
    iframe.style.width = '100%';
    iframe.style.height = (start >= 100 && start <= 4000 ? start : 520) + 'px';
    div.setAttribute('data-atlas-mounted', '1');
    div.appendChild(iframe);
    frames.push({ iframe: iframe, origin: url.origin });
  }
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (!d || d.type !== 'atlas:height' || typeof d.height !== 'number') return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.iframe.contentWindow === e.source && f.origin === e.origin) {
        f.iframe.style.height = Math.min(4000, Math.max(100, d.height)) + 'px';
        // The embed need not shorten its map to fit a frame that follows its height.
        e.source.postMessage({ type: 'atlas:responsive' }, e.origin);
      }
    }
  });
  function adopt(iframe) {
    if (iframe.getAttribute('data-atlas-mounted')) return;
    var url;
    try { url = new URL(iframe.src, document.baseURI); } catch (e) { return; }
    iframe.setAttribute('data-atlas-mounted', '1');
    frames.push({ iframe: iframe, origin: url.origin });
  }
  function scan() {
    var divs = document.querySelectorAll('[data-atlas-embed]');
    for (var i = 0; i < divs.length; i++) mount(divs[i]);
    var iframes = document.querySelectorAll('iframe[data-atlas-frame]');
    for (var j = 0; j < iframes.length; j++) adopt(iframes[j]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
