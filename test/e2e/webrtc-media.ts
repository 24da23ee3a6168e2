// What the WebRTC tests read of a page's call: its peer connections' statistics (kept by an init
// script), and the loudest frequency of what an <audio> element plays; and the tone files the fake
// microphones loop. Each browser process has one fake microphone, so two browsers with two tones
// tell the directions of a call apart.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { AriClient } from '../../src/adapters/ari/ari-client.js';
import { waitForAsync } from '../helpers/wait.js';
import { pcmWav } from '../helpers/wav-recording.js';

/** A 2 s 16-bit mono 48 kHz WAV of a tone at `hertz`: a fake microphone, looped by Chromium. */
export function toneWav(file: string, hertz: number): void {
  const rate = 48_000;
  const samples = rate * 2;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(12_000 * Math.sin((2 * Math.PI * hertz * i) / rate)), i * 2);
  fs.writeFileSync(file, pcmWav(data, rate));
}

/**
 * Chromium's flags for a WebRTC page served from the veth's address: a fake microphone looping
 * `tone`, no prompt for it, host candidates as addresses (not mDNS names), sound without a click,
 * and the page's origin taken as secure (it is not 127.0.0.1, so otherwise it has no microphone).
 */
export function webrtcBrowserArgs(tone: string, pageOrigin: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${tone}`,
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--autoplay-policy=no-user-gesture-required',
    `--unsafely-treat-insecure-origin-as-secure=${pageOrigin}`,
  ];
}

// Runs in the page before its scripts: keeps each RTCPeerConnection so the test can read its stats.
export const KEEP_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); window.__peerConnections.push(this); }
  };
})()`;

export interface ReceivedAudio {
  readonly packetsReceived: number;
  readonly audioEnergy: number;
  readonly packetsSent: number;
  readonly dtlsState: string;
  readonly iceState: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  /** Every address Asterisk offered as an ICE candidate. */
  readonly remoteCandidates: readonly string[];
}

/** The page's last peer connection (its current call): audio received and sent, and the chosen pair. */
export function receivedAudio(page: Page): Promise<ReceivedAudio> {
  return page.evaluate(`(async () => {
    const pc = window.__peerConnections[window.__peerConnections.length - 1];
    if (!pc) return { packetsReceived: 0, audioEnergy: 0, packetsSent: 0, dtlsState: '', iceState: '', localAddress: '', remoteAddress: '', remoteCandidates: [] };
    const stats = [...(await pc.getStats()).values()];
    const byId = new Map(stats.map((s) => [s.id, s]));
    const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio') ?? {};
    const outbound = stats.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio') ?? {};
    const transport = stats.find((s) => s.type === 'transport') ?? {};
    const pair = byId.get(transport.selectedCandidatePairId) ?? {};
    return {
      packetsReceived: inbound.packetsReceived ?? 0,
      audioEnergy: inbound.totalAudioEnergy ?? 0,
      packetsSent: outbound.packetsSent ?? 0,
      dtlsState: transport.dtlsState ?? '',
      iceState: transport.iceState ?? '',
      localAddress: byId.get(pair.localCandidateId)?.address ?? '',
      remoteAddress: byId.get(pair.remoteCandidateId)?.address ?? '',
      remoteCandidates: stats.filter((s) => s.type === 'remote-candidate').map((s) => s.address),
    };
  })()`);
}

/** What the <audio> element `selector` plays, over half a second: its spectrum (dB per bin, Web Audio) and each bin's width in Hz. */
async function spectrumOf(page: Page, selector: string): Promise<{ bins: number[]; hertzPerBin: number }> {
  return page.evaluate(`(async () => {
    const audio = document.querySelector(${JSON.stringify(selector)});
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    context.createMediaStreamSource(audio.srcObject).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const hertzPerBin = context.sampleRate / analyser.fftSize;
    await context.close();
    return { bins: Array.from(bins), hertzPerBin };
  })()`);
}

/** The loudest frequency (Hz) in what the <audio> element `selector` plays, over half a second (Web Audio). */
export async function loudestFrequency(page: Page, selector: string): Promise<number> {
  const { bins, hertzPerBin } = await spectrumOf(page, selector);
  let loudest = 1;
  for (let i = 2; i < bins.length; i++) if ((bins[i] ?? -Infinity) > (bins[loudest] ?? -Infinity)) loudest = i;
  return loudest * hertzPerBin;
}

/**
 * How far (dB) the audio at `hertz` stands above the median bin of the telephone band (100–3,400 Hz):
 * a tone stands out of speech or music. Above the band a narrowband call carries nothing, which would
 * flatter the tone.
 */
export async function toneAboveFloor(page: Page, selector: string, hertz: number): Promise<number> {
  const { bins, hertzPerBin } = await spectrumOf(page, selector);
  const bin = (f: number): number => Math.round(f / hertzPerBin);
  const at = bin(hertz);
  const peak = Math.max(bins[at - 1] ?? -Infinity, bins[at] ?? -Infinity, bins[at + 1] ?? -Infinity);
  const band = bins.slice(bin(100), bin(3400)).sort((a, b) => a - b);
  return peak - (band[Math.floor(band.length / 2)] ?? 0);
}

/**
 * Turns the desktop's browser phone off (关闭网页话机), which unregisters it, and waits until Asterisk
 * has no contact left for it. A page merely closed leaves its registration in the shared Asterisk
 * until qualify finds it dead, and a later test's server would dial the agent's line to it.
 */
export async function unregisterPhone(page: Page, ari: AriClient, endpoint: string): Promise<void> {
  // The line saying the phone is off is hidden while it is on.
  if (await page.isHidden('#phone-off')) await page.click('#phone-switch');
  await waitForAsync(async () => ((await ari.http.request<{ state: string }>('GET', `/endpoints/PJSIP/${endpoint}`)).state === 'offline' ? true : undefined), 10_000);
}

/** Root-mean-square of a 16-bit PCM WAV's samples (its data chunk), and its length: how loud a recording is. */
export function rmsOf(file: string): { rms: number; seconds: number } {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf('data', 12, 'ascii');
  const length = Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8);
  let sum = 0;
  const count = Math.floor(length / 2);
  for (let i = 0; i < count; i++) sum += bytes.readInt16LE(at + 8 + i * 2) ** 2;
  return { rms: Math.sqrt(sum / Math.max(1, count)), seconds: count / 8000 };
}
