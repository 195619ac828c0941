-- wrk script of benches/ocsp.sh: no probe connection. wrk otherwise opens
-- a connection to check the address and closes it unused, and openssl
-- 3.0's `ocsp -port` responder then reads end-of-file from it in a loop,
-- answering no one.
function wrk.resolve(host, service)
   wrk.addrs = wrk.lookup(host, service)
end
