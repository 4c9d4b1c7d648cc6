/**
 * The fonts a printed letter of rights needs, shipped with the app (no network at print time):
 * Noto Sans for Latin (ə ğ ı ö ü ş ç, Turkish, Uzbek) and Cyrillic (Russian, Tajik, Kyrgyz), Noto Naskh
 * Arabic for Persian, Arabic and Urdu, and the Devanagari and Bengali faces for Hindi and Bengali.
 * Each face is fetched by the browser only when a page uses its characters (unicode-range).
 */
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-700.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/cyrillic-ext-700.css';
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import '@fontsource/noto-sans-devanagari/devanagari-400.css';
import '@fontsource/noto-sans-devanagari/devanagari-700.css';
import '@fontsource/noto-sans-bengali/bengali-400.css';
import '@fontsource/noto-sans-bengali/bengali-700.css';

/** The face that carries each letter language's script (the letter's CSS names the same ones). */
export function letterFont(language: string): string {
  switch (language) {
    case 'fa':
    case 'ar':
    case 'ur':
      return 'Noto Naskh Arabic';
    case 'hi':
      return 'Noto Sans Devanagari';
    case 'bn':
      return 'Noto Sans Bengali';
    default:
      return 'Noto Sans';
  }
}
