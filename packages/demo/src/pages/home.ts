const TEXT = {
  sv: {
    title: 'care-meet – sandlåda',
    lead: 'Serverdelen körs. Här växer demoportalen fram: bokning från journalen, 1177-inkorgen, gästens sida och mötesledarens vy.',
    api: 'API',
    apiOk: 'svarar',
    media: 'Mediaserver (LiveKit)',
    mediaOk: 'nås',
    mediaMissing: 'nås inte – allt utom ljud och bild fungerar. Starta livekit-server --dev för att få media.',
  },
  da: {
    title: 'care-meet – sandkasse',
    lead: 'Serverdelen kører. Her vokser demoportalen frem: booking fra journalen, indbakken, gæstens side og mødelederens visning.',
    api: 'API',
    apiOk: 'svarer',
    media: 'Medieserver (LiveKit)',
    mediaOk: 'kan nås',
    mediaMissing: 'kan ikke nås – alt undtagen lyd og billede virker. Start livekit-server --dev for at få medier.',
  },
  en: {
    title: 'care-meet – sandbox',
    lead: 'The server side is running. The demo portal grows here: booking from the EHR, the 1177 inbox, the guest page and the chair view.',
    api: 'API',
    apiOk: 'answers',
    media: 'Media server (LiveKit)',
    mediaOk: 'reachable',
    mediaMissing: 'not reachable – everything but sound and video works. Start livekit-server --dev for media.',
  },
} as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sandbox's first page: proof that the server runs, and whether a media server answers. */
export function renderHomePage(o: { lang: 'sv' | 'da' | 'en'; livekitUrl: string; mediaServer: boolean }): string {
  const t = TEXT[o.lang];
  const langs = (['sv', 'da', 'en'] as const)
    .map((l) => (l === o.lang ? `<strong aria-current="page">${l}</strong>` : `<a href="/?lang=${l}" hreflang="${l}">${l}</a>`))
    .join(' · ');
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f6f7f9; }
  header, main { max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem; }
  header { display: flex; justify-content: space-between; align-items: baseline; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .5rem 1rem; background: #fff; padding: 1rem; border-radius: .5rem; border: 1px solid #d0d4da; }
  dt { font-weight: 600; }
  .ok::before { content: "✔ "; color: #0a6b2d; }
  .warn::before { content: "⚠ "; color: #8a4b00; }
  a { color: #0b57d0; }
</style>
</head>
<body>
<header><h1>${escapeHtml(t.title)}</h1><nav aria-label="Language">${langs}</nav></header>
<main>
<p>${escapeHtml(t.lead)}</p>
<dl>
  <dt>${escapeHtml(t.api)}</dt><dd class="ok" id="api-status">${escapeHtml(t.apiOk)} – <a href="/api/health">/api/health</a></dd>
  <dt>${escapeHtml(t.media)}</dt><dd class="${o.mediaServer ? 'ok' : 'warn'}" id="media-status">${escapeHtml(o.livekitUrl)}: ${escapeHtml(o.mediaServer ? t.mediaOk : t.mediaMissing)}</dd>
</dl>
</main>
</body>
</html>`;
}
