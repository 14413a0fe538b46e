// Loading what the document makers need only when asked for (the site's own files, never a
// CDN), and saving what they make.

/** The bytes of a file of the site. */
export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.arrayBuffer();
}

/** A classic script (an UMD bundle) loaded once, from the site: its global. */
export function classicScript(src, global) {
  if (window[global]) return Promise.resolve(window[global]);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => (window[global] ? resolve(window[global]) : reject(new Error(`${src}: no ${global}`)));
    script.onerror = () => reject(new Error(`${src}: not loaded`));
    document.head.append(script);
  });
}

/** Save `bytes` as a download named `name`: nothing leaves the browser. */
export function saveFile(bytes, type, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
