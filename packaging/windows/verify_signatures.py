"""Check the Authenticode signature of every .exe/.dll/.pyd of the Windows runtime.

Exit status 1 when any file fails.

usage: verify_signatures.py RUNTIME_DIR ROOT_SHA256 "NAME NAME..."   (see runtime.env)

For every file, with osslsigncode (Debian's package):
- it carries an Authenticode signature, and its stored digest equals the digest calculated over
  the file: the file is byte for byte what was signed;
- the signer is the Python Software Foundation (the VC++ runtime, vcruntime140*.dll: Microsoft
  Corporation);
- the signer's certificate chains up to Microsoft's "Identity Verification Root Certificate
  Authority 2020", whose certificate must have the pinned SHA-256 fingerprint, and so does the
  timestamp's (verified at the time of the timestamp, with no online revocation check) — except
  for the files named in the third argument, whose chains end at roots not available here.
Anything else (unsigned, modified, another signer, a broken chain) stops the build.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

SIGNERS = {"vcruntime": "O=Microsoft Corporation"}
PSF = "O=Python Software Foundation"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def pinned_root(sample: Path, fingerprint: str, out: Path) -> None:
    """Write the root certificate in the signature of ``sample`` to ``out`` if it matches."""
    with tempfile.TemporaryDirectory() as tmp:
        sig = Path(tmp) / "sig.p7"
        run("osslsigncode", "extract-signature", "-in", str(sample), "-out", str(sig))
        certs = run("openssl", "pkcs7", "-inform", "DER", "-in", str(sig), "-print_certs").stdout
    for pem in re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", certs, re.S):
        proc = subprocess.run(
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256"],
            input=pem,
            capture_output=True,
            text=True,
            check=True,
        )
        if proc.stdout.strip().split("=", 1)[1].replace(":", "").upper() == fingerprint.upper():
            out.write_text(pem + "\n", encoding="ascii")
            return
    sys.exit(f"verify: no certificate with SHA-256 {fingerprint} in the signature of {sample.name}")


def check(path: Path, root: Path, chain_exempt: set[str]) -> str | None:
    """None when ``path`` passes; otherwise the reason."""
    proc = run(
        "osslsigncode",
        "verify",
        "-CAfile",
        str(root),
        "-TSA-CAfile",
        str(root),
        "-ignore-crl",
        "-in",
        str(path),
    )
    out = proc.stdout + proc.stderr
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", out)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", out)
    if not current or not calculated:
        return "no Authenticode signature"
    if current[1] != calculated[1]:
        return "modified after signing (digest mismatch)"
    signer = re.search(r"Signer #0:\s*\n\s*Subject:\s*(.*)", out)
    expected = SIGNERS["vcruntime"] if path.name.lower().startswith("vcruntime") else PSF
    if not signer or expected not in signer[1]:
        return f"signed by {signer[1] if signer else 'nobody'}, expected {expected}"
    if path.name.lower() not in chain_exempt and proc.returncode != 0:
        return (
            "certificate chain or timestamp does not verify: "
            + " | ".join(line.strip() for line in out.splitlines() if "rror" in line)[:300]
        )
    return None


def main() -> int:
    folder, fingerprint, exempt = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    chain_exempt = {name.lower() for name in exempt.split()}
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".exe", ".dll", ".pyd"})
    if not files:
        sys.exit(f"verify: no .exe/.dll/.pyd in {folder}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root.pem"
        pinned_root(
            next(p for p in files if p.name.lower().startswith("python3")), fingerprint, root
        )
        failures = [(p.name, r) for p in files if (r := check(p, root, chain_exempt)) is not None]
    for name, reason in failures:
        print(f"verify: {name}: {reason}", file=sys.stderr)
    full = len([p for p in files if p.name.lower() not in chain_exempt])
    print(
        f"Authenticode: {len(files) - len(failures)}/{len(files)} files pass "
        f"({full} with the full chain to the pinned root, "
        f"{len(files) - full} digest and signer only)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
