// What step 1 of PG1 §5 needs to know about the lists in force: the trust list's expiry and sunset,
// and the revocation list's expiry.
export let trustLoaded: bool = false;
export let trustExpires: u64 = 0;
export let trustHasSunset: bool = false;
export let trustSunset: u64 = 0;
export let revocationLoaded: bool = false;
export let revocationExpires: u64 = 0;

export function setTrustValidity(expires: u64, hasSunset: bool, sunset: u64): void {
  trustLoaded = true;
  trustExpires = expires;
  trustHasSunset = hasSunset;
  trustSunset = sunset;
}

export function setRevocationValidity(loaded: bool, expires: u64): void {
  revocationLoaded = loaded;
  revocationExpires = expires;
}
