import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { SessionView } from '../core/contract';
import type { MessageRef } from '../core/contract/errors';
import { ApiError } from '../core/contract/errors';
import { api, onSessionLost } from './api';
import { useLocale } from './i18n';
import { FormAlert } from './components/fields';
import { PublicFrame } from './components/PublicFrame';
import { Login } from './screens/Login';
import { RecoveryKey } from './screens/RecoveryKey';
import { Setup } from './screens/Setup';
import { Shell } from './screens/Shell';
import { FirstPassword } from './screens/FirstPassword';

type Phase =
  | { kind: 'starting' }
  | { kind: 'failed'; error: MessageRef }
  | { kind: 'setup' }
  | { kind: 'recovery'; recoveryKey: string; facilityName: string; createdAt: Date }
  | { kind: 'login'; facilityName: string | null; notice: MessageRef | null; noticeTone: 'info' | 'error' }
  | { kind: 'shell'; session: SessionView };

function refOf(e: unknown): MessageRef {
  return e instanceof ApiError ? { key: e.messageKey, ...(e.params ? { params: e.params } : {}) } : { key: 'app.unexpectedError' };
}

/**
 * The app is a short sequence of phases: first-run setup and its recovery key, sign-in, then the shell.
 * Whatever call finds the session gone or locked brings it back to sign-in with the reason.
 */
export function App() {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [facilityName, setFacilityName] = useState<string | null>(null);
  const { setTimeZone } = useLocale();
  // Every instant on screen follows the facility's zone from the session, set before the shell renders.
  const enterShell = useCallback(
    (session: SessionView) => {
      setTimeZone(session.timeZone);
      setPhase({ kind: 'shell', session });
    },
    [setTimeZone],
  );

  const start = useCallback(async () => {
    setPhase({ kind: 'starting' });
    try {
      const status = await api.setup.status();
      if (!status.initialized) {
        setPhase({ kind: 'setup' });
        return;
      }
      setFacilityName(status.facilityName);
      const { session } = await api.auth.session();
      if (session) enterShell(session);
      else setPhase({ kind: 'login', facilityName: status.facilityName, notice: null, noticeTone: 'info' });
    } catch (e) {
      setPhase({ kind: 'failed', error: refOf(e) });
    }
  }, [enterShell]);

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(
    () =>
      onSessionLost((error) => {
        // Nothing from the previous session may stay on screen or in the cache.
        queryClient.clear();
        setPhase((p) => (p.kind === 'login' || p.kind === 'setup' || p.kind === 'recovery' ? p : { kind: 'login', facilityName, notice: { key: error.messageKey }, noticeTone: 'error' }));
      }),
    [queryClient, facilityName],
  );

  const signedIn = useCallback(async () => {
    // The session call, not the login answer, is the source of truth for what the shell shows.
    const { session } = await api.auth.session();
    // Signed in but no session to show would leave the person at a form that silently did nothing.
    if (!session) throw new Error('signed in, but the session call returned none');
    enterShell(session);
  }, [enterShell]);

  const signedOut = useCallback(() => {
    queryClient.clear();
    setPhase({ kind: 'login', facilityName, notice: { key: 'login.signedOut' }, noticeTone: 'info' });
  }, [queryClient, facilityName]);

  switch (phase.kind) {
    case 'starting':
      return (
        <PublicFrame>
          <p className="muted" role="status">
            <FormattedMessage id="app.loading" />
          </p>
        </PublicFrame>
      );
    case 'failed':
      return (
        <PublicFrame titleId="app.startFailed">
          <FormAlert message={phase.error} />
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void start()}>
              <FormattedMessage id="app.retry" />
            </button>
          </div>
        </PublicFrame>
      );
    case 'setup':
      return (
        <Setup
          onDone={(recoveryKey, name) => {
            setFacilityName(name);
            setPhase({ kind: 'recovery', recoveryKey, facilityName: name, createdAt: new Date() });
          }}
          onAlreadyInitialized={() => void start()}
        />
      );
    case 'recovery':
      return (
        <RecoveryKey
          recoveryKey={phase.recoveryKey}
          facilityName={phase.facilityName}
          createdAt={phase.createdAt}
          onContinue={() => setPhase({ kind: 'login', facilityName: phase.facilityName, notice: null, noticeTone: 'info' })}
        />
      );
    case 'login':
      return <Login facilityName={phase.facilityName} notice={phase.notice} noticeTone={phase.noticeTone} onSignedIn={signedIn} />;
    case 'shell':
      // Signed in with a one-time password (issue #10 §4): nothing opens until it is replaced.
      if (phase.session.mustChangePassword) return <FirstPassword onDone={signedIn} onSignedOut={signedOut} />;
      return <Shell session={phase.session} onSignedOut={signedOut} />;
  }
}
