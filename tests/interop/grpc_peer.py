#!/usr/bin/python3
"""An independent gRPC peer (Debian's python3-grpcio) for the node's interop tests.

  grpc_peer.py client TARGET CERT_PEM STUBS_DIR   call the node's net.Orchestrator over TLS, pinning CERT_PEM
  grpc_peer.py server STUBS_DIR PORT_FILE         serve net.Orchestrator on 127.0.0.1 (h2c); write the port to PORT_FILE
  grpc_peer.py redeemer TARGET CERT_PEM STUBS_DIR SENDER_HEX
                                                  call a redeemer's net.TicketRedeemer over TLS, pinning CERT_PEM

Stubs are the message classes protoc generated from the project's .proto files into STUBS_DIR.
Every outcome is printed as one JSON object per line, for the C# test to assert on.
"""
import json
import sys
import threading
import time
from concurrent import futures

import grpc


def load(stubs_dir):
    sys.path.insert(0, stubs_dir)
    import lp_rpc_pb2  # noqa: E402
    import redeemer_pb2  # noqa: E402
    return lp_rpc_pb2, redeemer_pb2


def emit(**fields):
    print(json.dumps(fields), flush=True)


def run_client(target, cert_path, stubs_dir):
    pb, _ = load(stubs_dir)
    with open(cert_path, "rb") as f:
        # Pin the node's self-signed certificate, as the public Python SDK does on first use.
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    with grpc.secure_channel(target, credentials) as channel:
        get = channel.unary_unary("/net.Orchestrator/GetOrchestrator",
                                  request_serializer=pb.OrchestratorRequest.SerializeToString,
                                  response_deserializer=pb.OrchestratorInfo.FromString)
        info = get(pb.OrchestratorRequest(address=b"\x11" * 20, sig=b"sig"), timeout=10)
        emit(call="GetOrchestrator", ok=True, transcoder=info.transcoder,
             price_per_unit=info.price_info.pricePerUnit, pixels_per_unit=info.price_info.pixelsPerUnit,
             session_id=info.auth_token.session_id, expiration=info.auth_token.expiration,
             mandatories=list(info.capabilities.mandatories))
        ping = channel.unary_unary("/net.Orchestrator/Ping",
                                   request_serializer=pb.PingPong.SerializeToString,
                                   response_deserializer=pb.PingPong.FromString)
        emit(call="Ping", ok=True, value=ping(pb.PingPong(value=b"hello"), timeout=10).value.hex())
        unknown = channel.unary_unary("/net.Orchestrator/NoSuchMethod",
                                      request_serializer=pb.PingPong.SerializeToString,
                                      response_deserializer=pb.PingPong.FromString)
        try:
            unknown(pb.PingPong(), timeout=10)
            emit(call="NoSuchMethod", ok=True)
        except grpc.RpcError as e:
            emit(call="NoSuchMethod", ok=False, code=e.code().name, details=e.details())
        end = channel.unary_unary("/net.Orchestrator/EndTranscodingSession",
                                  request_serializer=pb.EndTranscodingSessionRequest.SerializeToString,
                                  response_deserializer=pb.EndTranscodingSessionResponse.FromString)
        try:
            end(pb.EndTranscodingSessionRequest(auth_token=pb.AuthToken(token=b"forged", session_id="x", expiration=1)), timeout=10)
            emit(call="EndTranscodingSession", ok=True)
        except grpc.RpcError as e:
            emit(call="EndTranscodingSession", ok=False, code=e.code().name, details=e.details())


def run_redeemer(target, cert_path, stubs_dir, sender_hex):
    pb, rpb = load(stubs_dir)
    sender = bytes.fromhex(sender_hex)
    with open(cert_path, "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    with grpc.secure_channel(target, credentials) as channel:
        max_float = channel.unary_unary("/net.TicketRedeemer/MaxFloat",
                                        request_serializer=rpb.MaxFloatReq.SerializeToString,
                                        response_deserializer=rpb.MaxFloatUpdate.FromString)
        emit(call="MaxFloat", ok=True, max_float=max_float(rpb.MaxFloatReq(sender=sender), timeout=10).max_float.hex())
        queue = channel.unary_unary("/net.TicketRedeemer/QueueTicket",
                                    request_serializer=rpb.Ticket.SerializeToString,
                                    response_deserializer=rpb.QueueTicketRes.FromString)
        ticket = rpb.Ticket(
            ticket_params=pb.TicketParams(recipient=b"\x22" * 20, face_value=b"\x01", win_prob=b"\x01",
                                          recipient_rand_hash=b"\x33" * 32, expiration_block=b"\x10"),
            sender=sender,
            expiration_params=pb.TicketExpirationParams(creation_round=1, creation_round_block_hash=b"\x44" * 32),
            sender_params=pb.TicketSenderParams(sender_nonce=1, sig=b"\x55" * 65),
            recipient_rand=b"\x07")
        try:
            queue(ticket, timeout=10)
            emit(call="QueueTicket", ok=True)
        except grpc.RpcError as e:
            emit(call="QueueTicket", ok=False, code=e.code().name, details=e.details())
        monitor = channel.unary_stream("/net.TicketRedeemer/MonitorMaxFloat",
                                       request_serializer=rpb.MaxFloatReq.SerializeToString,
                                       response_deserializer=rpb.MaxFloatUpdate.FromString)
        stream = monitor(rpb.MaxFloatReq(sender=sender), timeout=30)
        updates = []
        for update in stream:
            updates.append(update.max_float.hex())
            if len(updates) == 2:
                break
        stream.cancel()
        emit(call="MonitorMaxFloat", ok=True, updates=updates)


def run_server(stubs_dir, port_file):
    pb, rpb = load(stubs_dir)

    def get_orchestrator(request, context):
        if request.ignoreCapacityCheck:
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "denied: caf\u00e9 100%")
        info = pb.OrchestratorInfo(transcoder="https://peer.example:8935")
        info.price_info.pricePerUnit = 7
        info.price_info.pixelsPerUnit = 3
        info.auth_token.session_id = "abcd1234"
        info.capabilities_prices.add(pricePerUnit=5, pixelsPerUnit=1, capability=37, constraint="text-reversal")
        return info

    def ping(request, context):
        time.sleep(2)  # slower than the client's deadline in the test
        return pb.PingPong(value=request.value)

    def monitor(request, context):
        for i in range(3):
            yield rpb.MaxFloatUpdate(max_float=bytes([i + 1]))
        context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "done after three")

    handlers = {
        "GetOrchestrator": grpc.unary_unary_rpc_method_handler(
            get_orchestrator, pb.OrchestratorRequest.FromString, pb.OrchestratorInfo.SerializeToString),
        "Ping": grpc.unary_unary_rpc_method_handler(ping, pb.PingPong.FromString, pb.PingPong.SerializeToString),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((
        grpc.method_handlers_generic_handler("net.Orchestrator", handlers),
        grpc.method_handlers_generic_handler("net.TicketRedeemer", {
            "MonitorMaxFloat": grpc.unary_stream_rpc_method_handler(
                monitor, rpb.MaxFloatReq.FromString, rpb.MaxFloatUpdate.SerializeToString)}),
    ))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    import os
    os.replace(port_file + ".tmp", port_file)
    # Stop when the test closes stdin, or after a minute at most.
    threading.Thread(target=lambda: (sys.stdin.read(), server.stop(0)), daemon=True).start()
    server.wait_for_termination(timeout=60)


if __name__ == "__main__":
    if sys.argv[1] == "client":
        run_client(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "redeemer":
        run_redeemer(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        run_server(sys.argv[2], sys.argv[3])
