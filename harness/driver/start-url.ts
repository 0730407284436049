// Where a login starts: at the IdP (IdP-initiated) or at the SP (SP-initiated, AuthnRequest).

/** Auth0's `/samlp/<client_id>` with the RelayState the SP will echo back into its capture. */
export function idpInitiatedUrl(samlUrl: string, relayState: string): string {
  const url = new URL(samlUrl);
  url.searchParams.set('RelayState', relayState);
  return url.toString();
}

/** The fake SP's login endpoint: it sends an AuthnRequest carrying the RelayState to the IdP. */
export function spInitiatedUrl(loginUrl: string, profile: 'enhanced' | 'legacy', relayState: string): string {
  const url = new URL(loginUrl);
  url.searchParams.set('profile', profile);
  url.searchParams.set('relayState', relayState);
  return url.toString();
}

/** A RelayState unique to one run of one scenario, so the capture of that login can be found. */
export function uniqueRelayState(scenarioId: string): string {
  return `${scenarioId}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
