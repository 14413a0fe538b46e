/*
 * Vetrina AgID theme: settings read by the Bootstrap Italia bundle, so load this file
 * just before it. Video.js (inside the bundle) would otherwise inject inline <style>
 * elements, which a strict Content-Security-Policy (no 'unsafe-inline') blocks.
 */
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
