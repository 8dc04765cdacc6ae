import { html, type TemplateResult } from 'lit';

// Stroke icons on a 24-unit grid, drawn with currentColor; decorative (the buttons carry the words).
const icon = (d: string): TemplateResult => html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${d} /></svg>`;

const MIC = 'M12 3a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v4M9 21h6';
const CAMERA = 'M3 7h12v10H3zM15 10l6-3v10l-6-3';

export const icons = {
  mic: icon(MIC),
  micOff: icon(`${MIC}M4 4l16 16`),
  camera: icon(CAMERA),
  cameraOff: icon(`${CAMERA}M3 3l18 18`),
  screen: icon('M3 4h18v12H3zM8 20h8M12 16v4'),
  gear: icon('M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4'),
  chat: icon('M4 5h16v11H9l-5 4z'),
  tools: icon('M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01'),
  leave: icon('M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10'),
  speaking: icon('M5 10v4M9 7v10M13 4v16M17 8v8M21 11v2'),
};
