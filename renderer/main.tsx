import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { z } from 'zod';
import { App } from './App';
import { LocaleProvider } from './i18n';
import './styles/app.css';
import './styles/register.css';

// zod probes `new Function` to compile fast parsers; under the CSP that probe is a logged violation.
z.config({ jitless: true });

const queryClient = new QueryClient({
  defaultOptions: {
    // Local calls either work or fail for a reason worth showing: retrying only delays the message.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
