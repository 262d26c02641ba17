#!/usr/bin/env bash
# Regenerates the TLS fixtures of the tests. The files are committed, so tests need no
# openssl; run this only to replace them. Valid for 100 years, except expired-server.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.crt" -days $days -subj "/CN=$2" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}
leaf() { # name cn ca [startdate enddate]
	openssl req -newkey rsa:2048 -nodes -keyout "$1.key.tmp" -out "$1.csr" -subj "/CN=$2"
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > "$1.ext"
	if [ $# -ge 5 ]; then
		mkdir -p ca-db && : > ca-db/index.txt && echo 1000 > ca-db/serial
		cat > ca-db/ca.cnf <<CNF
[ ca ]
default_ca = test
[ test ]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = any
copy_extensions = none
[ any ]
commonName = supplied
CNF
		openssl ca -batch -config ca-db/ca.cnf -cert "$3.crt" -keyfile "$3.key" -in "$1.csr" -out "$1.crt" \
			-startdate "$4" -enddate "$5" -extfile "$1.ext" -notext
		rm -rf ca-db
	else
		openssl x509 -req -in "$1.csr" -CA "$3.crt" -CAkey "$3.key" -CAcreateserial -out "$1.crt" -days $days \
			-extfile "$1.ext"
	fi
	openssl pkcs8 -topk8 -nocrypt -in "$1.key.tmp" -out "$1.key"
	rm -f "$1.key.tmp" "$1.csr" "$1.ext"
}
ca ca "getty test CA"
ca other-ca "some other CA"
leaf server localhost ca
leaf client "getty test client" ca
leaf untrusted-server localhost other-ca
leaf expired-server localhost ca 200101000000Z 200102000000Z
rm -f ./*.srl
