import type { ReactElement } from 'react';

/*
 * KidTalk's own sticker pack, drawn here as simple shapes on a 100×100 grid. Decorative by
 * themselves: <Sticker> gives each one its text alternative.
 */

const face = (y = 52) => (
  <>
    <circle cx="40" cy={y - 6} r="4" fill="#1f2937" />
    <circle cx="60" cy={y - 6} r="4" fill="#1f2937" />
    <path
      d={`M38 ${y + 6} Q50 ${y + 16} 62 ${y + 6}`}
      stroke="#1f2937"
      strokeWidth="4"
      fill="none"
      strokeLinecap="round"
    />
  </>
);

export const STICKER_ART: Record<string, () => ReactElement> = {
  sun: () => (
    <>
      {Array.from({ length: 8 }, (_, i) => (
        <rect
          key={i}
          x="47"
          y="4"
          width="6"
          height="16"
          rx="3"
          fill="#f59e0b"
          transform={`rotate(${i * 45} 50 50)`}
        />
      ))}
      <circle cx="50" cy="50" r="28" fill="#fcd34d" />
      {face(52)}
    </>
  ),
  cat: () => (
    <>
      <path d="M22 40 L28 12 L44 30 Z M78 40 L72 12 L56 30 Z" fill="#fb923c" />
      <circle cx="50" cy="52" r="32" fill="#fdba74" />
      {face(56)}
      <path d="M50 60 l-4 -4 h8 z" fill="#db2777" />
      <ellipse cx="86" cy="30" rx="9" ry="12" fill="#fdba74" transform="rotate(20 86 30)" />
    </>
  ),
  heart: () => (
    <path
      d="M50 86 C20 64 10 48 14 32 C18 16 40 12 50 30 C60 12 82 16 86 32 C90 48 80 64 50 86 Z"
      fill="#ef4444"
    />
  ),
  star: () => (
    <>
      <path
        d="M50 8 L61 37 L92 38 L67 57 L76 88 L50 70 L24 88 L33 57 L8 38 L39 37 Z"
        fill="#facc15"
        stroke="#eab308"
        strokeWidth="3"
        strokeLinejoin="round"
      />
      {face(54)}
    </>
  ),
  thumbs: () => (
    <>
      <rect x="14" y="46" width="16" height="40" rx="4" fill="#2f6fde" />
      <path
        d="M34 48 L48 18 C52 10 62 14 60 24 L56 40 H80 C88 40 90 48 86 54 L78 82 C76 86 72 88 68 88 H34 Z"
        fill="#fcd34d"
      />
    </>
  ),
  rainbow: () => (
    <>
      {['#ef4444', '#f59e0b', '#facc15', '#22c55e', '#3b82f6', '#8b5cf6'].map((c, i) => (
        <path
          key={c}
          d={`M${10 + i * 6} 78 A${40 - i * 6} ${40 - i * 6} 0 0 1 ${90 - i * 6} 78`}
          stroke={c}
          strokeWidth="6"
          fill="none"
        />
      ))}
      <circle cx="16" cy="80" r="10" fill="#e5e7eb" />
      <circle cx="84" cy="80" r="10" fill="#e5e7eb" />
    </>
  ),
  panda: () => (
    <>
      <circle cx="24" cy="26" r="12" fill="#1f2937" />
      <circle cx="76" cy="26" r="12" fill="#1f2937" />
      <circle cx="50" cy="54" r="34" fill="#f9fafb" stroke="#1f2937" strokeWidth="3" />
      <ellipse cx="37" cy="50" rx="9" ry="7" fill="#1f2937" />
      <ellipse cx="63" cy="50" rx="9" ry="7" fill="#1f2937" />
      <path d="M32 50 h10 M58 50 h10" stroke="#f9fafb" strokeWidth="2" />
      <ellipse cx="50" cy="66" rx="6" ry="4" fill="#1f2937" />
      <path d="M76 8 h12 l-12 14 h12" stroke="#2f6fde" strokeWidth="3" fill="none" />
    </>
  ),
  cake: () => (
    <>
      <rect x="18" y="50" width="64" height="36" rx="6" fill="#f9a8d4" />
      <path
        d="M18 60 Q26 68 34 60 T50 60 T66 60 T82 60"
        stroke="#fdf2f8"
        strokeWidth="5"
        fill="none"
      />
      <rect x="46" y="28" width="8" height="22" rx="2" fill="#60a5fa" />
      <path d="M50 12 C56 20 56 26 50 28 C44 26 44 20 50 12 Z" fill="#f59e0b" />
    </>
  ),
  rocket: () => (
    <>
      <path
        d="M50 6 C70 20 72 50 64 72 H36 C28 50 30 20 50 6 Z"
        fill="#e5e7eb"
        stroke="#6b7280"
        strokeWidth="3"
      />
      <circle cx="50" cy="36" r="9" fill="#60a5fa" stroke="#6b7280" strokeWidth="3" />
      <path d="M36 56 L22 76 L36 72 Z M64 56 L78 76 L64 72 Z" fill="#ef4444" />
      <path d="M40 74 Q50 100 60 74 Z" fill="#f59e0b" />
    </>
  ),
  flower: () => (
    <>
      <rect x="47" y="54" width="6" height="40" fill="#16a34a" />
      <ellipse cx="36" cy="80" rx="12" ry="6" fill="#22c55e" transform="rotate(-30 36 80)" />
      {Array.from({ length: 6 }, (_, i) => (
        <ellipse
          key={i}
          cx="50"
          cy="22"
          rx="11"
          ry="16"
          fill="#f472b6"
          transform={`rotate(${i * 60} 50 38)`}
        />
      ))}
      <circle cx="50" cy="38" r="11" fill="#facc15" />
    </>
  ),
  hug: () => (
    <>
      <circle cx="36" cy="46" r="24" fill="#fcd34d" />
      <circle cx="64" cy="46" r="24" fill="#93c5fd" />
      <path
        d="M14 66 Q50 96 86 66"
        stroke="#f97316"
        strokeWidth="10"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="30" cy="42" r="3" fill="#1f2937" />
      <circle cx="70" cy="42" r="3" fill="#1f2937" />
      <path
        d="M44 20 C47 14 53 14 50 22 C47 14 53 14 56 20"
        stroke="#ef4444"
        strokeWidth="3"
        fill="none"
      />
    </>
  ),
  ball: () => (
    <>
      <circle cx="50" cy="50" r="40" fill="#f9fafb" stroke="#1f2937" strokeWidth="4" />
      <path d="M50 34 L65 45 L59 63 H41 L35 45 Z" fill="#1f2937" />
      <path
        d="M50 34 V12 M65 45 L86 38 M59 63 L72 82 M41 63 L28 82 M35 45 L14 38"
        stroke="#1f2937"
        strokeWidth="3"
      />
    </>
  ),
};
