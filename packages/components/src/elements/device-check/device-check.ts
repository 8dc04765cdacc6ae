import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';

import { SubscribeController } from '../../controllers/subscribe-controller.js';
import { checkBrowserSupport, type BrowserSupport } from '../../core/browser-support.js';
import { ConnectionCheck, type StepStatus } from '../../core/connection-check.js';
import {
  browserProgress,
  cameraProgress,
  CHECK_NAMES,
  collectResults,
  connectionProgress,
  microphoneProgress,
  speakerProgress,
  type CheckName,
  type CheckProgress,
  type DeviceCheckResults,
} from '../../core/device-check-results.js';
import { MediaCheck, type MediaCheckState, type Question } from '../../core/media-check.js';
import type { DeviceKind } from '../../core/media-devices.js';
import type { MediaProblem } from '../../core/media-problem.js';
import { DeviceCheckCompleteEvent } from '../../events/device-check-complete.js';
import { LocalizeController, updateWithStrings } from '../../i18n/localize.js';
import { deviceCheckStrings, type BrowserAdvice, type DeviceCheckStrings } from '../../i18n/strings/device-check.js';
import { mediaGuidance, type DeviceNoun } from '../../i18n/strings/media-guidance.js';
import { styles } from './device-check.styles.js';

/** Round trips above this make video stutter noticeably. */
const SLOW_RTT_MS = 400;
/** Screen readers get the meter's value at most this often. */
const METER_ANNOUNCE_MS = 1000;

const icon = (path: string, extra = '') => html`<svg class=${extra} viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${path} /></svg>`;

const ICONS: Record<CheckProgress, TemplateResult> = {
  pass: icon('M5 12.5l4.5 4.5L19 7.5'),
  fail: icon('M7 7l10 10M17 7L7 17'),
  running: icon('M12 3a9 9 0 1 1-9 9', 'spinner'),
  waiting: icon('M7 12h.01M12 12h.01M17 12h.01'),
  idle: icon('M7 12h10'),
  skipped: icon('M7 12h10'),
};

const GEAR = icon('M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4');

/**
 * The pre-call check: the person's own camera picture ("do you see yourself?"), a live
 * microphone level, a test sound ("did you hear it?"), the connection to the meeting service and
 * the media server with its round-trip time, and whether the browser can hold a meeting. Each
 * shows a plain pass or fail in words and a symbol, not by colour alone. The gear chooses camera,
 * microphone and speaker, remembered on this device for next time.
 *
 * Nothing is opened until the person presses Start (or the host calls `start()`), so the
 * browser's permission prompt comes when the person expects it. Camera, microphone and audio are
 * released when the person finishes or the element is removed.
 *
 * The element needs no `livekit-client`: it is meant to load long before the meeting does.
 *
 * @tag care-device-check
 * @summary Test camera, microphone, sound and connection before a care meeting.
 *
 * @attr {string} lang - `sv`, `da`, `nb`, `fi` or `en` (`no` and `nn` get `nb`). Without it, the closest `lang` attribute above the element decides; unsupported languages get English.
 *
 * @fires {DeviceCheckCompleteEvent} care-device-check-complete - The person pressed Finish, or `complete()` was called. `detail` holds a result per check, the chosen device ids and the round-trip time. Bubbles and is composed.
 * @fires {MeetingErrorEvent} care-error - Its words could not be loaded (`STRINGS_UNAVAILABLE`: the language's chunk did not come): it shows only "Could not load" with Try again, which loads them again, and fires this for each failed try. `detail`: `{ code: 'STRINGS_UNAVAILABLE', message, retryable: true, lang }`. Bubbles and is composed.
 *
 * @slot support - The host's support information (who to call); shown when a check fails.
 *
 * @csspart base - The box around everything.
 * @csspart header - Title, introduction and the devices button.
 * @csspart title - The heading.
 * @csspart start - The panel with the Start button, before the check has started.
 * @csspart guidance - What to do when camera or microphone cannot be opened.
 * @csspart check - Each of the five checks; also `check-camera`, `check-microphone`, `check-speaker`, `check-connection`, `check-browser`.
 * @csspart status - A check's pass/fail badge; also `status-pass`, `status-fail`, `status-waiting`, `status-running`, `status-idle`, `status-skipped`.
 * @csspart preview - The camera picture (a `<video>`).
 * @csspart question - A yes/no question with its answer buttons.
 * @csspart meter - The microphone level meter's track.
 * @csspart meter-fill - The microphone level meter's bar.
 * @csspart devices - The panel with the device choosers.
 * @csspart chooser - A label with its device select.
 * @csspart device-select - A device `<select>`.
 * @csspart support - The box around the `support` slot.
 * @csspart footer - Progress and the Finish button.
 * @csspart done - The summary shown after finishing.
 * @csspart button - Every button; also `start-button`, `answer-button`, `play-button`, `retry-button`, `devices-button`, `finish-button`, `restart-button`.
 *
 * @cssproperty [--care-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--care-color-text=#1b1f24] - Text.
 * @cssproperty [--care-color-text-muted=#49525c] - Secondary text.
 * @cssproperty [--care-color-surface=#ffffff] - Background.
 * @cssproperty [--care-color-surface-raised=#f3f5f7] - Panels and neutral badges.
 * @cssproperty [--care-color-border=#d5dae0] - Decorative borders.
 * @cssproperty [--care-color-control-border=#68717b] - Borders of buttons, selects and the meter (3:1 against the background).
 * @cssproperty [--care-color-primary=#0b5cab] - Main buttons, chosen answers and the meter bar.
 * @cssproperty [--care-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--care-color-pass=#146c34] - "Works": text, and a light tint of it behind.
 * @cssproperty [--care-color-fail=#b0241b] - "Does not work" and guidance: text, and a light tint of it behind.
 * @cssproperty [--care-color-focus=#0b5cab] - Keyboard focus ring; defaults to the primary colour.
 * @cssproperty [--care-radius=0.5rem] - Corner radius.
 * @cssproperty [--care-space=1rem] - Spacing unit.
 */
export class CareDeviceCheck extends LitElement {
  static override styles = styles;

  // Declared without decorators: the same API, and a few hundred bytes less for hosts (see bench/device-check-size.mjs).
  static override properties = {
    apiBase: { attribute: 'api-base' },
    mediaUrl: { attribute: 'media-url' },
    // `attribute: false` is implied by `state`, and spelled out for the custom-elements manifest.
    _results: { state: true, attribute: false },
    _devicesOpen: { state: true, attribute: false },
    _announcement: { state: true, attribute: false },
  };

  /** Where the server SDK's routes are mounted; the connection check calls `${apiBase}/health`. */
  apiBase?: string;

  /** The media server (`wss://…` or `https://…`); overrides the `livekitUrl` the health check returns. */
  mediaUrl?: string;

  /** Set once the person has finished; the element then shows the summary. */
  private _results?: DeviceCheckResults;
  private _devicesOpen = false;
  private _announcement = '';

  readonly #localize = new LocalizeController(this, deviceCheckStrings);

  /** Draws once this element's words are loaded in its language (each language is a chunk of its own). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }
  readonly #media = new MediaCheck();
  readonly #mediaState = new SubscribeController(this, this.#media);
  // Drawn straight onto the bar: re-rendering everything 20 times a second would cost the preview frames.
  readonly #level = new SubscribeController(this, this.#media.level, () => this.#drawLevel());
  readonly #browser: BrowserSupport = checkBrowserSupport();
  // A core runner rather than @lit/task: the same pending/done states and cancelling, reusable
  // without Lit, and half a kilobyte lighter, which this element's 20 KiB budget needs.
  readonly #connection = new ConnectionCheck();
  readonly #connectionState = new SubscribeController(this, this.#connection);

  #previousProgress: Partial<Record<CheckName, CheckProgress>> = {};
  #preview: MediaStream | undefined;
  #meterValue = 0;
  #meterAt = -Infinity;
  #meterTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back into the page: the connection check was aborted when it was taken out.
    if (this.hasUpdated) this.#checkConnection();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection.abort();
    this.#media.stop();
    clearTimeout(this.#meterTimer);
    this.#meterTimer = undefined;
  }

  /**
   * Opens camera and microphone and starts the meter. Call it from a click or key press: the
   * browser asks for permission, and audio may only start after the person did something (Safari
   * keeps an AudioContext suspended until a gesture: https://webkit.org/blog/7734/auto-play-policy-changes-for-macos/;
   * Chromium: https://developer.chrome.com/blog/autoplay/).
   */
  async start(): Promise<void> {
    const hadFocus = this.matches(':focus-within');
    this._results = undefined;
    const started = this.#media.start();
    await this.updateComplete;
    // The Start button is gone: put focus where the check continues, not on <body>.
    if (hadFocus) this.#focus('camera-heading');
    await started;
  }

  /**
   * Puts focus on the check's heading, where a screen reader starts reading it: `<care-meeting>`
   * does this when the person comes from the identity step, so focus does not fall to the page.
   */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('#title')?.focus(options);
  }

  /**
   * Ends the check: releases camera, microphone and audio, shows the summary and fires
   * `care-device-check-complete`. Checks not done count as `skipped`. Once finished, further
   * calls return the same results without firing again.
   */
  complete(): DeviceCheckResults {
    if (this._results) return this._results;
    const hadFocus = this.matches(':focus-within');
    const { report, pending } = this.#connection.value;
    const results = collectResults(this.#media.value, report, pending, this.#browser);
    this.#connection.abort();
    this.#media.stop();
    this._results = results;
    this._devicesOpen = false;
    this._announcement = `${this.#localize.strings.doneTitle}. ${this.#localize.strings.doneText}`;
    const event = new DeviceCheckCompleteEvent(results);
    this.dispatchEvent(event);
    if (hadFocus) void this.updateComplete.then(() => this.#focus('done-heading'));
    return results;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('apiBase') || changed.has('mediaUrl')) this.#checkConnection();
    if (this._results) return;
    const progress = this.#progress();
    const news: string[] = [];
    for (const name of CHECK_NAMES) {
      const before = this.#previousProgress[name];
      const now = progress[name];
      if (before !== undefined && before !== now && now !== 'idle' && now !== 'running') news.push(this.#describe(name, now));
    }
    this.#previousProgress = progress;
    if (news.length) this._announcement = news.join(' ');
  }

  protected override updated(): void {
    this.#drawLevel();
  }

  protected override render(): TemplateResult {
    const t = this.#localize.strings;
    const results = this._results;
    return html`
      <section part="base" class="base" lang=${this.#localize.lang} aria-labelledby="title">
        <header part="header" class="header">
          <div>
            <h2 id="title" part="title" tabindex="-1">${t.title}</h2>
            <p class="intro">${t.intro}</p>
          </div>
          ${
            results || !this.#hasDevices()
              ? nothing
              : html`<button
                part="button devices-button"
                aria-expanded=${this._devicesOpen}
                aria-controls="devices"
                @click=${() => (this._devicesOpen = !this._devicesOpen)}
              >
                ${GEAR}${t.devices}
              </button>`
          }
        </header>
        ${results || !this.#hasDevices() ? nothing : this.#renderDevices(t)}
        <div class="visually-hidden" role="status">${this._announcement}</div>
        ${results ? this.#renderDone(t, results) : this.#renderChecks(t)}
      </section>
    `;
  }

  #renderChecks(t: DeviceCheckStrings): TemplateResult {
    const media = this.#mediaState.value;
    const progress = this.#progress();
    return html`
      ${
        media.started
          ? nothing
          : html`<div part="start" class="start">
            <button part="button start-button" class="primary" @click=${() => this.start()}>${t.start}</button>
            <p class="hint">${t.startHint}</p>
          </div>`
      }
      ${this.#renderGuidance(t, media)}
      <div class="checks">
        ${this.#card('camera', progress.camera, this.#renderCamera(t, media))}
        ${this.#card('microphone', progress.microphone, this.#renderMicrophone(t, media))}
        ${this.#card('speaker', progress.speaker, this.#renderSpeaker(t, media))}
        ${this.#card('connection', progress.connection, this.#renderConnection(t))}
        ${this.#card('browser', progress.browser, this.#renderBrowser(t))}
      </div>
      <div part="support" class="support" ?hidden=${!Object.values(progress).includes('fail')}>
        <slot name="support"></slot>
      </div>
      <footer part="footer" class="footer">
        <button part="button finish-button" class="primary" @click=${() => this.complete()}>${t.finish}</button>
      </footer>
    `;
  }

  #card(name: CheckName, progress: CheckProgress, body: unknown): TemplateResult {
    return html`
      <section part="check check-${name}" class="check check-${name}" aria-labelledby="${name}-heading">
        <div class="check-head">
          <h3 id="${name}-heading" tabindex="-1">${this.#localize.strings.check[name]}</h3>
          ${this.#badge(progress)}
        </div>
        ${body}
      </section>
    `;
  }

  #badge(progress: CheckProgress): TemplateResult {
    return html`<span part="status status-${progress}" class="status" data-status=${progress}>
      ${ICONS[progress]}${this.#localize.strings.progress[progress]}
    </span>`;
  }

  #renderGuidance(t: DeviceCheckStrings, media: MediaCheckState): unknown {
    const camera = media.camera.problem;
    const microphone = media.microphone.problem;
    const problems: Array<[DeviceNoun, MediaProblem]> = [];
    if (camera && camera === microphone) problems.push(['both', camera]);
    else {
      if (camera) problems.push(['camera', camera]);
      if (microphone) problems.push(['microphone', microphone]);
    }
    if (!problems.length) return nothing;
    return html`
      <div part="guidance" class="guidance">
        ${problems.map(([noun, problem]) => {
          const { title, steps } = mediaGuidance(t, problem, this.#browser.browser, noun);
          return html`<div class="problem">
            <h3>${title}</h3>
            <p>${steps}</p>
          </div>`;
        })}
        <button part="button retry-button" @click=${() => this.#media.retry()}>${t.tryAgain}</button>
      </div>
    `;
  }

  #renderCamera(t: DeviceCheckStrings, { camera, answers }: MediaCheckState): TemplateResult {
    const live = camera.status === 'live' && camera.track;
    // `muted` and `playsinline`: iOS Safari plays a video without a gesture only when it is muted,
    // and without `playsinline` takes it full screen (https://webkit.org/blog/6784/new-video-policies-for-ios/).
    return html`
      <div class="frame">
        ${
          live
            ? html`<video
              part="preview"
              class="preview"
              aria-labelledby="camera-heading"
              .srcObject=${this.#previewOf(camera.track!)}
              .muted=${true}
              muted
              autoplay
              playsinline
            ></video>`
            : html`<p class="placeholder">
              ${camera.status === 'starting' ? html`${ICONS.running}${t.progress.running}` : nothing}
              ${camera.status === 'error' ? t.problemTitle[camera.problem ?? 'unknown'](t.device.camera) : nothing}
              ${camera.status === 'idle' ? t.cameraIdle : nothing}
            </p>`
        }
      </div>
      ${live ? this.#question('camera', t.cameraQuestion, answers.camera) : nothing}
      ${answers.camera === false ? html`<p class="advice">${t.cameraNotSeen}</p>` : nothing}
    `;
  }

  #renderMicrophone(t: DeviceCheckStrings, { microphone, heard }: MediaCheckState): TemplateResult {
    if (microphone.status === 'error') {
      return html`<p>${t.problemTitle[microphone.problem ?? 'unknown'](t.device.microphone)}</p>`;
    }
    const value = this.#meterValue;
    const live = microphone.status === 'live';
    return html`
      <div
        part="meter"
        class="meter"
        role="meter"
        aria-labelledby="microphone-heading"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${value}
      >
        <div part="meter-fill" class="meter-fill"></div>
      </div>
      ${live ? html`<p class=${heard ? '' : 'hint'}>${heard ? t.micHeard : t.micPrompt}</p>` : nothing}
      ${live && !heard ? html`<p class="advice">${t.micHint}</p>` : nothing}
    `;
  }

  #renderSpeaker(t: DeviceCheckStrings, { speaker, answers }: MediaCheckState): TemplateResult {
    // Without sink selection (Safari before 26, every iOS browser: browser-support.ts `SinkSupport`)
    // say where the sound goes instead of offering a chooser; Chromium only lists speakers after access is granted.
    const canChoose = this.#media.sinkSupport !== 'none';
    return html`
      <div>
        <button part="button play-button" @click=${() => this.#media.playTone()}>
          ${speaker.tone === 'playing' ? t.playing : t.play}
        </button>
      </div>
      ${canChoose ? nothing : html`<p class="hint">${t.noSinkChoice}</p>`}
      ${speaker.tone === 'played' || answers.speaker !== undefined ? this.#question('speaker', t.speakerQuestion, answers.speaker) : nothing}
      ${answers.speaker === false ? html`<p class="advice">${t.speakerNotHeard}</p>` : nothing}
      ${speaker.tone === 'error' ? html`<p class="advice">${t.speakerFailed}</p>` : nothing}
    `;
  }

  #renderConnection(t: DeviceCheckStrings): TemplateResult {
    const { report } = this.#connectionState.value;
    if (report?.status === 'skipped') return html`<p class="hint">${t.notConfigured}</p>`;
    const step = (name: string, status: StepStatus | undefined, text?: string) => {
      const progress: CheckProgress = status ?? 'running';
      return html`<div>
        <dt>${name}</dt>
        <dd data-status=${progress}>${ICONS[progress]}${text ?? t.progress[progress]}</dd>
      </div>`;
    };
    const rtt = report?.rttMs;
    return html`
      <dl class="rows">
        ${step(t.server, report?.server)}
        ${step(t.media, report?.media, rtt === undefined ? undefined : t.reached(String(rtt)))}
      </dl>
      ${report?.problem ? html`<p class="advice">${t.connection[report.problem]}</p>` : nothing}
      ${rtt !== undefined && rtt > SLOW_RTT_MS ? html`<p class="advice">${t.slow}</p>` : nothing}
      ${
        report?.status === 'fail' ? html`<div><button part="button retry-button" @click=${() => this.#checkConnection()}>${t.tryAgain}</button></div>` : nothing
      }
    `;
  }

  #renderBrowser(t: DeviceCheckStrings): TemplateResult {
    const { browser, secure, supported, missing } = this.#browser;
    if (supported) {
      const name = [browser.label, browser.version].filter(Boolean).join(' ') || t.yourBrowser;
      return html`<p>${t.browserOk(name.charAt(0).toUpperCase() + name.slice(1))}</p>`;
    }
    if (!secure) return html`<p class="advice">${t.insecurePage}</p>`;
    const advice: BrowserAdvice = browser.os === 'ios' || browser.os === 'android' ? browser.os : 'desktop';
    return html`
      <p>${t.browserLacks(this.#localize.list(missing.map((feature) => t.feature[feature])))}</p>
      <p class="advice">${t.advice[advice]}</p>
    `;
  }

  #renderDevices(t: DeviceCheckStrings): TemplateResult {
    const media = this.#mediaState.value;
    const canChooseSpeaker = this.#media.sinkSupport !== 'none' && media.devices.speaker.length > 0;
    return html`
      <div id="devices" part="devices" class="devices" ?hidden=${!this._devicesOpen}>
        ${this.#chooser('camera', t.check.camera, media.camera.deviceId)}
        ${this.#chooser('microphone', t.check.microphone, media.microphone.deviceId)}
        ${canChooseSpeaker ? this.#chooser('speaker', t.speakerDevice, media.speaker.deviceId) : nothing}
      </div>
    `;
  }

  /** Devices are listed (with ids) only once access is granted: before that there is nothing to choose. */
  #hasDevices(): boolean {
    const { started, devices } = this.#mediaState.value;
    return started && devices.camera.length + devices.microphone.length > 0;
  }

  #chooser(kind: DeviceKind, label: string, selected: string | undefined): TemplateResult {
    const options = this.#mediaState.value.devices[kind];
    return html`
      <label part="chooser" class="chooser">
        ${label}
        <select
          part="device-select"
          name=${kind}
          ?disabled=${!options.length}
          @change=${(event: Event) => this.#media.useDevice(kind, (event.target as HTMLSelectElement).value || undefined)}
        >
          ${options.map(
            // `selected` per option: a `.value` on the <select> would be set before its options exist.
            (option, i) =>
              html`<option value=${option.id} ?selected=${option.id === selected}>
                ${option.label || `${label} ${i + 1}`}
              </option>`,
          )}
        </select>
      </label>
    `;
  }

  #question(question: Question, text: string, answer: boolean | undefined): TemplateResult {
    const t = this.#localize.strings;
    const id = `${question}-question`;
    return html`
      <div part="question" class="question" role="group" aria-labelledby=${id}>
        <p id=${id}>${text}</p>
        <div class="answers">
          <button part="button answer-button" aria-pressed=${answer === true} @click=${() => this.#media.answer(question, true)}>
            ${t.yes}
          </button>
          <button part="button answer-button" aria-pressed=${answer === false} @click=${() => this.#media.answer(question, false)}>
            ${t.no}
          </button>
        </div>
      </div>
    `;
  }

  #renderDone(t: DeviceCheckStrings, results: DeviceCheckResults): TemplateResult {
    return html`
      <div part="done" class="done">
        <h3 id="done-heading" tabindex="-1">${t.doneTitle}</h3>
        <p>${t.doneText}</p>
        <ul class="results">
          ${CHECK_NAMES.map(
            (name) => html`<li>
              <span>${t.check[name]}</span>
              ${this.#badge(results[name].status)}
            </li>`,
          )}
        </ul>
        <button part="button restart-button" @click=${this.#runAgain}>${t.start}</button>
      </div>
    `;
  }

  readonly #runAgain = (): void => {
    this.#checkConnection();
    void this.start();
  };

  #checkConnection(): void {
    void this.#connection.run({ apiBase: this.apiBase, mediaUrl: this.mediaUrl });
  }

  #progress(): Record<CheckName, CheckProgress> {
    const media = this.#mediaState.value;
    const { report, pending } = this.#connectionState.value;
    return {
      camera: cameraProgress(media),
      microphone: microphoneProgress(media),
      speaker: speakerProgress(media),
      connection: connectionProgress(report, pending),
      browser: browserProgress(this.#browser),
    };
  }

  /** What the live region says when a check changes. */
  #describe(name: CheckName, progress: CheckProgress): string {
    const t = this.#localize.strings;
    const parts = [`${t.check[name]}: ${t.progress[progress]}.`];
    const media = this.#mediaState.value;
    if (progress === 'waiting') {
      parts.push(name === 'camera' ? t.cameraQuestion : name === 'microphone' ? t.micPrompt : t.speakerQuestion);
    }
    if (progress === 'fail' && (name === 'camera' || name === 'microphone') && media[name].problem) {
      parts.push(`${t.problemTitle[media[name].problem!](t.device[name])}.`);
    }
    return parts.join(' ');
  }

  /**
   * Moves the meter's bar, and re-renders for its ARIA value only when that changed and at most
   * once a second, so screen readers are not flooded.
   */
  #drawLevel(): void {
    const { level } = this.#level.value;
    // Through the CSSOM, not a style attribute: a host page with a strict style-src CSP allows this.
    this.renderRoot?.querySelector<HTMLElement>('.meter-fill')?.style.setProperty('transform', `scaleX(${level})`);
    const value = Math.round((level * 100) / 5) * 5;
    const wait = this.#meterAt + METER_ANNOUNCE_MS - performance.now();
    if (value === this.#meterValue || this.#meterTimer) return;
    if (wait <= 0) {
      this.#meterValue = value;
      this.#meterAt = performance.now();
      this.requestUpdate();
    } else {
      // Catch the last value of a burst even if the level then stays put.
      this.#meterTimer = setTimeout(() => {
        this.#meterTimer = undefined;
        this.#drawLevel();
      }, wait);
    }
  }

  #previewOf(track: MediaStreamTrack): MediaStream {
    if (this.#preview?.getVideoTracks()[0] !== track) this.#preview = new MediaStream([track]);
    return this.#preview;
  }

  #focus(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }
}
