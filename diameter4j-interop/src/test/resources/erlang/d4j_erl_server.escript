#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% An Erlang/OTP diameter server for diameter4j's interop tests (ErlangInterop.java starts it).
%%
%%   escript d4j_erl_server.escript BEAM_DIR PORT TW_MS
%%
%% listens on 127.0.0.1:PORT, answers Gy CCR (RFC 4006 §3.2), Rf ACR (TS 32.299 §6.2.3)
%% and S6a AIR/ULR (TS 29.272 §7.2.6, §7.2.4), and runs until killed. Its watchdog timer is
%% TW_MS, without jitter. One line per event on standard output:
%%
%%   LISTENING port=P                       the transport is configured
%%   UP host=H cer_errors=[]                capabilities exchanged with a peer
%%   REQ <command> app=A errors=[..] <details>  one per request, before it is answered; for an
%%                                          ACR: sci=<Service-Context-Id> subscription=<MSISDNs>
%%   WATCHDOG from to                       watchdog state changes
%%   DOWN                                   a peer's transport went down (e.g. after DPR/DPA)
%%
%% errors=[...] is the errors field of the request's diameter_packet: every decode error the
%% strict decoder found (strict_mbit, strict_arities, request_errors=callback so that the
%% callback sees it). A request with errors is answered with the first error's Result-Code.

-mode(compile).

-include_lib("diameter/include/diameter.hrl").

-export([peer_up/3, peer_down/3, pick_peer/4, prepare_request/3, prepare_retransmit/3,
         handle_answer/4, handle_error/4, handle_request/3, tw/1]).

-define(SVC, d4j_interop_server).

main([Dir, PortS, TwS]) ->
    true = code:add_patha(Dir),
    ok = diameter:start(),
    ok = diameter:start_service(?SVC, service()),
    true = diameter:subscribe(?SVC),
    Port = list_to_integer(PortS),
    {ok, _} = diameter:add_transport(?SVC, {listen, transport(Port, list_to_integer(TwS))}),
    out("LISTENING port=~b", [Port]),
    loop();
main(_) ->
    io:format(standard_error, "usage: d4j_erl_server.escript BEAM_DIR PORT TW_MS~n", []),
    halt(2).

service() ->
    [{'Origin-Host', "erl-server.example.org"},
     {'Origin-Realm', "example.org"},
     {'Vendor-Id', 0},
     {'Product-Name', "OTP diameter interop server"},
     {'Origin-State-Id', diameter:origin_state_id()},
     {'Host-IP-Address', [{127,0,0,1}]},
     {'Supported-Vendor-Id', [10415]},
     {'Auth-Application-Id', [4]},
     {'Acct-Application-Id', [3]},
     {'Vendor-Specific-Application-Id',
      [[{'Vendor-Id', 10415}, {'Auth-Application-Id', [16777251]}]]},
     {decode_format, map},
     {string_decode, false},
     {strict_arities, true},
     {strict_mbit, true},
     {application, app(gy, d4j_gy)},
     {application, app(acct, d4j_rf)},
     {application, app(s6a, d4j_s6a)}].

app(Alias, Dict) ->
    [{alias, Alias}, {dictionary, Dict}, {module, ?MODULE}, {answer_errors, callback},
     {request_errors, callback}].

transport(Port, Tw) ->
    [{transport_module, diameter_tcp},
     {transport_config, [{reuseaddr, true}, {ip, {127,0,0,1}}, {port, Port}]},
     {watchdog_timer, {?MODULE, tw, [Tw]}},
     {capx_timeout, 5000}].

%% The watchdog timer as an MFA: diameter then adds no jitter.
tw(Tw) -> Tw.

loop() ->
    receive
        #diameter_event{info = {up, _, {_, Caps}, _, #diameter_packet{errors = E}}} ->
            #diameter_caps{origin_host = {_, H}} = Caps,
            out("UP host=~s cer_errors=~s", [H, errs(E)]);
        #diameter_event{info = {watchdog, _, _, {From, To}, _}} ->
            out("WATCHDOG ~p ~p", [From, To]);
        #diameter_event{info = {down, _, _, _}} ->
            out("DOWN", []);
        #diameter_event{info = Info} ->
            out("EVENT ~0p", [Info])
    end,
    loop().

errs(Es) ->
    "[" ++ string:join([err(E) || E <- Es], ",") ++ "]".

err({Rc, #diameter_avp{code = C, vendor_id = V, name = N}}) ->
    io_lib:format("~b:~b/~w/~w", [Rc, C, V, N]);
err(E) ->
    io_lib:format("~0p", [E]).

out(Fmt, Args) ->
    io:format(Fmt ++ "~n", Args).

%% ---- diameter_app callbacks ---------------------------------------------------------------

peer_up(_Svc, _Peer, State) -> State.

peer_down(_Svc, _Peer, State) -> State.

pick_peer(_, _, _Svc, _State) -> false.

prepare_request(Pkt, _Svc, _Peer) -> {send, Pkt}.

prepare_retransmit(Pkt, _Svc, _Peer) -> {send, Pkt}.

handle_answer(Pkt, _Req, _Svc, _Peer) -> Pkt.

handle_error(Reason, _Req, _Svc, _Peer) -> {error, Reason}.

handle_request(#diameter_packet{header = H, msg = Msg, errors = Errors}, _Svc, {_, Caps}) ->
    Name = case Msg of [N | _] -> N; _ -> undefined end,
    out("REQ ~s app=~b errors=~s~s",
        [Name, H#diameter_header.application_id, errs(Errors), details(Msg)]),
    #diameter_caps{origin_host = {OH, _}, origin_realm = {OR, _}} = Caps,
    {reply, answer(Msg, result(Errors), [{'Origin-Host', OH}, {'Origin-Realm', OR}])}.

%% 2001, or the Result-Code of the first decode error (RFC 6733 §7.1.5, e.g. 5001).
result([]) -> 2001;
result([{Rc, _} | _]) -> Rc;
result([Rc | _]) -> Rc.

%% RFC 4006 §3.2: the request's identifiers, the Result-Code, and for each Multiple-Services-Credit-Control
%% asking for units, a grant of 1 MB for 600 s (§8.16, §8.17, §8.33).
answer(['CCR' | M], Rc, Origin) ->
    Type = maps:get('CC-Request-Type', M),
    Mscc = [grant(X) || X <- maps:get('Multiple-Services-Credit-Control', M, []),
                        field('Requested-Service-Unit', X) /= [], Rc == 2001],
    ['CCA', {'Session-Id', maps:get('Session-Id', M)}, {'Result-Code', Rc},
     {'Auth-Application-Id', 4}, {'CC-Request-Type', Type},
     {'CC-Request-Number', maps:get('CC-Request-Number', M)},
     {'Multiple-Services-Credit-Control', Mscc} | Origin];
%% TS 32.299 §6.2.3 (RFC 6733 §9.7.2).
answer(['ACR' | M], Rc, Origin) ->
    ['ACA', {'Session-Id', maps:get('Session-Id', M)}, {'Result-Code', Rc},
     {'Accounting-Record-Type', maps:get('Accounting-Record-Type', M)},
     {'Accounting-Record-Number', maps:get('Accounting-Record-Number', M)},
     {'Acct-Application-Id', [3]} | Origin];
%% TS 29.272 §7.2.6: one E-UTRAN vector (fixed test values: this server is no HSS).
answer(['AIR' | M], Rc, Origin) ->
    Vector = [{'Item-Number', [1]}, {'RAND', binary:copy(<<16#11>>, 16)},
              {'XRES', binary:copy(<<16#22>>, 8)}, {'AUTN', binary:copy(<<16#33>>, 16)},
              {'KASME', binary:copy(<<16#44>>, 32)}],
    ['AIA', {'Session-Id', maps:get('Session-Id', M)}, vsai(), {'Result-Code', [Rc]},
     {'Auth-Session-State', 1},
     {'Authentication-Info', [[{'E-UTRAN-Vector', [Vector]} || Rc == 2001]]}
     | Origin];
%% TS 29.272 §7.2.4: the subscription of one APN.
answer(['ULR' | M], Rc, Origin) ->
    Ambr = [{'Max-Requested-Bandwidth-UL', 50000000}, {'Max-Requested-Bandwidth-DL', 100000000}],
    Arp = [{'Priority-Level', 8}, {'Pre-emption-Capability', [1]},
           {'Pre-emption-Vulnerability', [0]}],
    Apn = [{'Context-Identifier', 1}, {'PDN-Type', 0}, {'Service-Selection', "internet"},
           {'EPS-Subscribed-QoS-Profile',
            [[{'QoS-Class-Identifier', 9}, {'Allocation-Retention-Priority', Arp}]]},
           {'AMBR', [Ambr]}],
    Sub = [{'Subscriber-Status', [0]}, {'MSISDN', [<<16#14, 16#87, 0, 0, 0, 16#f1>>]},
           {'Network-Access-Mode', [2]}, {'AMBR', [Ambr]},
           {'APN-Configuration-Profile',
            [[{'Context-Identifier', 1}, {'All-APN-Configurations-Included-Indicator', 0},
              {'APN-Configuration', [Apn]}]]}],
    ['ULA', {'Session-Id', maps:get('Session-Id', M)}, vsai(), {'Result-Code', [Rc]},
     {'Auth-Session-State', 1}, {'ULA-Flags', [1]}, {'Subscription-Data', [Sub || Rc == 2001]}
     | Origin].

%% What the ACR's TS 32.299 AVPs decoded to (§6.2.2): Service-Context-Id, and the
%% Subscription-Id-Data inside Service-Information (§7.2.192).
details(['ACR' | M]) ->
    Sci = [binary_to_list(C) || C <- opt(maps:get('Service-Context-Id', M, []))],
    Subs = [binary_to_list(D)
            || I <- opt(maps:get('Service-Information', M, [])),
               S <- opt(field('Subscription-Id', I)),
               D <- opt(field('Subscription-Id-Data', S))],
    io_lib:format(" sci=~s subscription=~s", [string:join(Sci, ","), string:join(Subs, ",")]);
details(_) ->
    "".

grant(X) ->
    Gsu = [{'CC-Total-Octets', [1000000]}],
    [{'Granted-Service-Unit', [Gsu]}, {'Rating-Group', field('Rating-Group', X)},
     {'Validity-Time', [600]}, {'Result-Code', [2001]}].

vsai() ->
    {'Vendor-Specific-Application-Id',
     [[{'Vendor-Id', 10415}, {'Auth-Application-Id', [16777251]}]]}.

%% An optional or repeated AVP as a list of its values.
opt(L) when is_list(L) -> L;
opt(V) -> [V].

field(F, G) when is_map(G) -> maps:get(F, G, []);
field(F, G) when is_list(G) -> proplists:get_value(F, G, []).
