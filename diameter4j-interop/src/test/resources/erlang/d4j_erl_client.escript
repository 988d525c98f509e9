#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% An Erlang/OTP diameter client for diameter4j's interop tests (ErlangInterop.java starts it).
%%
%%   escript d4j_erl_client.escript BEAM_DIR PORT MODE IDLE_MS
%%
%% connects to 127.0.0.1:PORT (RFC 6733 §5.3 CER/CEA), runs the requests of MODE (gy,
%% gy-unsupported, rf or s6a), stays idle IDLE_MS so that the watchdogs (RFC 3539) exchange DWR/DWA, then removes the
%% transport, which sends DPR (RFC 6733 §5.4). One line per event on standard output:
%%
%%   UP host=H realm=R cea_errors=[]           capabilities exchanged
%%   ANS <label> rc=N exp=V:N e=B errors=[..] <details>   one per answer
%%   WATCHDOG from to                          watchdog state changes
%%   DOWN                                      transport down (after the DPR/DPA)
%%   SUMMARY answers=N clean=N                 at the end
%%
%% errors=[...] is the errors field of the answer's diameter_packet: every decode error the
%% strict decoder found (strict_mbit, strict_arities, answer_errors=callback so that an answer
%% with errors still reaches handle_answer/4 instead of being discarded).

-mode(compile).

-include_lib("diameter/include/diameter.hrl").

-export([peer_up/3, peer_down/3, pick_peer/4, prepare_request/3, prepare_retransmit/3,
         handle_answer/4, handle_error/4, handle_request/3]).

-define(SVC, d4j_interop_client).
-define(HOST, "erl-client.example.org").
-define(REALM, "example.org").
-define(TIMEOUT, 10000).

main([Dir, PortS, Mode, IdleS]) ->
    true = code:add_patha(Dir),
    ok = diameter:start(),
    ok = diameter:start_service(?SVC, service()),
    true = diameter:subscribe(?SVC),
    {ok, Ref} = diameter:add_transport(?SVC, {connect, transport(list_to_integer(PortS))}),
    await_up(),
    Results = run(list_to_atom(Mode)),
    timer:sleep(list_to_integer(IdleS)),
    ok = diameter:remove_transport(?SVC, Ref),
    await_down(),
    Clean = length([ok || {_, []} <- Results]),
    out("SUMMARY answers=~b clean=~b", [length(Results), Clean]),
    diameter:stop_service(?SVC),
    halt(0);
main(_) ->
    io:format(standard_error, "usage: d4j_erl_client.escript BEAM_DIR PORT gy|gy-unsupported|rf|s6a IDLE_MS~n", []),
    halt(2).

service() ->
    [{'Origin-Host', ?HOST},
     {'Origin-Realm', ?REALM},
     {'Vendor-Id', 0},
     {'Product-Name', "OTP diameter interop client"},
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

%% Tw 6 s (RFC 3539 §3.4.1's minimum; diameter adds its ±2 s jitter).
transport(Port) ->
    [{transport_module, diameter_tcp},
     {transport_config, [{raddr, {127,0,0,1}}, {rport, Port}, {ip, {127,0,0,1}}]},
     {watchdog_timer, 6000},
     {capx_timeout, 5000},
     {connect_timer, 30000}].

await_up() ->
    receive
        #diameter_event{info = {up, _, {_, Caps}, _, #diameter_packet{errors = E}}} ->
            #diameter_caps{origin_host = {_, H}, origin_realm = {_, R}} = Caps,
            out("UP host=~s realm=~s cea_errors=~s", [H, R, errs(E)]);
        #diameter_event{info = Info} ->
            event(Info),
            await_up()
    after ?TIMEOUT ->
        out("FAIL no capabilities exchange within ~b ms", [?TIMEOUT]),
        halt(1)
    end.

await_down() ->
    receive
        #diameter_event{info = {down, _, _, _}} ->
            out("DOWN", []);
        #diameter_event{info = Info} ->
            event(Info),
            await_down()
    after ?TIMEOUT ->
        out("FAIL transport not down within ~b ms of remove_transport", [?TIMEOUT]),
        halt(1)
    end.

event({watchdog, _, _, {From, To}, _}) -> out("WATCHDOG ~p ~p", [From, To]);
event(Info) -> out("EVENT ~0p", [Info]).

%% ---- the requests -------------------------------------------------------------------------

%% RFC 4006 §5: 20 sessions (CCR INITIAL, UPDATE, TERMINATE), 5 at a time; one EVENT (§6.3,
%% direct debiting).
run(gy) ->
    Sessions = parallel(5, 20, fun gy_session/1),
    Event = ccr(sid(), 4, 0,
                [{'Subscription-Id', [[{'Subscription-Id-Type', 0},
                                       {'Subscription-Id-Data', "41780009999"}]]},
                 {'Requested-Action', [0]},
                 {'Service-Identifier', [1]},
                 {'Requested-Service-Unit', [[{'CC-Service-Specific-Units', [1]}]]}]),
    Sessions ++ [call(gy, "gy-event", Event)];
%% A command no Gy server implements: RFC 6733 §7.1.3, 3001 DIAMETER_COMMAND_UNSUPPORTED in an
%% answer with the E bit (the answer-message of §7.2).
run('gy-unsupported') ->
    [call(gy, "gy-unsupported", ['EXR', {'Session-Id', sid()}, {'Auth-Application-Id', 4}])];
%% RFC 6733 §9, TS 32.299 §6.2: 5 accounting sessions START, INTERIM, STOP, all 5 at once, and
%% one EVENT record.
run(rf) ->
    Sessions = parallel(5, 5, fun rf_session/1),
    Sessions ++ [call(acct, "rf-event", acr(sid(), 1, 0, 99))];
%% TS 29.272 §5.2.3 (AIR/AIA), §5.2.1.1 (ULR/ULA): the known subscriber, then an unknown one
%% (DIAMETER_ERROR_USER_UNKNOWN, 5001 in Experimental-Result, vendor 10415).
run(s6a) ->
    Known = "001010000000001",
    Unknown = "001019999999999",
    [call(s6a, "s6a-air", air(Known)),
     call(s6a, "s6a-ulr", ulr(Known)),
     call(s6a, "s6a-air-unknown", air(Unknown)),
     call(s6a, "s6a-ulr-unknown", ulr(Unknown))].

%% N jobs, at most C at a time; the results of all.
parallel(C, N, Fun) ->
    Self = self(),
    Chunks = chunks(lists:seq(1, N), C),
    Pids = [spawn_link(fun() -> Self ! {self(), lists:append([Fun(I) || I <- Is])} end)
            || Is <- Chunks],
    lists:append([receive {P, R} -> R after 60000 -> out("FAIL worker timeout", []), halt(1) end
                  || P <- Pids]).

chunks(L, C) ->
    [[I || {K, I} <- lists:zip(lists:seq(0, length(L) - 1), L), K rem C == J]
     || J <- lists:seq(0, C - 1)].

gy_session(N) ->
    Sid = sid(),
    Msisdn = "4178" ++ lists:flatten(io_lib:format("~7..0b", [N])),
    Sub = [{'Subscription-Id', [[{'Subscription-Id-Type', 0}, {'Subscription-Id-Data', Msisdn}]]},
           {'Multiple-Services-Indicator', [1]}],
    Init = [{'Multiple-Services-Credit-Control',
             [[{'Requested-Service-Unit', [[]]}, {'Rating-Group', [100]}]]}],
    Update = [{'Multiple-Services-Credit-Control',
               [[{'Requested-Service-Unit', [[]]},
                 {'Used-Service-Unit', [[{'CC-Total-Octets', [100000]}]]},
                 {'Rating-Group', [100]}]]}],
    Term = [{'Termination-Cause', [1]},
            {'Multiple-Services-Credit-Control',
             [[{'Used-Service-Unit', [[{'CC-Total-Octets', [50000]}]]},
               {'Rating-Group', [100]}]]}],
    [call(gy, "gy-initial", ccr(Sid, 1, 0, Sub ++ Init)),
     call(gy, "gy-update", ccr(Sid, 2, 1, Sub ++ Update)),
     call(gy, "gy-terminate", ccr(Sid, 3, 2, Sub ++ Term))].

ccr(Sid, Type, Number, Avps) ->
    ['CCR', {'Session-Id', Sid}, {'Auth-Application-Id', 4},
     {'Service-Context-Id', "32251@3gpp.org"}, {'CC-Request-Type', Type},
     {'CC-Request-Number', Number}, {'Event-Timestamp', [calendar:universal_time()]} | Avps].

rf_session(N) ->
    Sid = sid(),
    [call(acct, "rf-start", acr(Sid, 2, 0, N)),
     call(acct, "rf-interim", acr(Sid, 3, 1, N)),
     call(acct, "rf-stop", acr(Sid, 4, 2, N))].

%% TS 32.299 §6.2.2: Service-Context-Id, and the subscriber (MSISDN 4179000000N) inside
%% Service-Information (§7.2.192), not at the top level.
acr(Sid, Type, Number, N) ->
    Msisdn = "4179" ++ lists:flatten(io_lib:format("~7..0b", [N])),
    ['ACR', {'Session-Id', Sid}, {'Accounting-Record-Type', Type},
     {'Accounting-Record-Number', Number}, {'Acct-Application-Id', [3]},
     {'Event-Timestamp', [calendar:universal_time()]},
     {'Service-Context-Id', ["32260@3gpp.org"]},
     {'Service-Information',
      [[{'Subscription-Id', [[{'Subscription-Id-Type', 0},
                              {'Subscription-Id-Data', Msisdn}]]}]]}].

vsai() ->
    {'Vendor-Specific-Application-Id',
     [[{'Vendor-Id', 10415}, {'Auth-Application-Id', [16777251]}]]}.

air(Imsi) ->
    ['AIR', {'Session-Id', sid()}, vsai(), {'Auth-Session-State', 1}, {'User-Name', Imsi},
     {'Visited-PLMN-Id', <<16#00, 16#f1, 16#10>>},
     {'Requested-EUTRAN-Authentication-Info',
      [[{'Number-Of-Requested-Vectors', [1]}, {'Immediate-Response-Preferred', [1]}]]}].

ulr(Imsi) ->
    ['ULR', {'Session-Id', sid()}, vsai(), {'Auth-Session-State', 1}, {'User-Name', Imsi},
     {'RAT-Type', 1004}, {'ULR-Flags', 34}, {'Visited-PLMN-Id', <<16#00, 16#f1, 16#10>>}].

sid() -> diameter:session_id(?HOST).

%% One request; prints its ANS line; returns {Label, Errors} (Errors = [fault] when no answer).
call(App, Label, Req) ->
    case diameter:call(?SVC, App, Req, [{timeout, ?TIMEOUT}]) of
        {answer, H, Msg, Errors} ->
            out("ANS ~s ~s e=~s errors=~s~s",
                [Label, result(Msg), H#diameter_header.is_error, errs(Errors), details(Msg)]),
            {Label, Errors};
        Other ->
            out("ANS ~s rc=none e=none errors=[no_answer] reason=~0p", [Label, Other]),
            {Label, [no_answer]}
    end.

%% ---- printing -----------------------------------------------------------------------------

result([_ | M]) ->
    Rc = case one(maps:get('Result-Code', M, [])) of undefined -> "none"; R -> integer_to_list(R) end,
    Exp = case one(maps:get('Experimental-Result', M, [])) of
              undefined -> "none";
              E -> io_lib:format("~b:~b", [field('Vendor-Id', E), field('Experimental-Result-Code', E)])
          end,
    io_lib:format("rc=~s exp=~s", [Rc, Exp]).

details(['CCA' | M]) ->
    Mscc = maps:get('Multiple-Services-Credit-Control', M, []),
    Gsu = [G || X <- Mscc, G <- [one(field('Granted-Service-Unit', X))], G /= undefined],
    io_lib:format(" mscc=~b gsu=~b", [length(Mscc), length(Gsu)]);
details(['AIA' | M]) ->
    case one(maps:get('Authentication-Info', M, [])) of
        undefined -> " vectors=0";
        A -> io_lib:format(" vectors=~b", [length(field('E-UTRAN-Vector', A))])
    end;
details(['ULA' | M]) ->
    io_lib:format(" subscription_data=~b", [length(maps:get('Subscription-Data', M, []))]);
details(_) ->
    "".

%% A grouped AVP decodes to a map (decode_format map); an optional field to [] or [V].
field(F, G) when is_map(G) -> maps:get(F, G, []);
field(F, G) when is_list(G) -> proplists:get_value(F, G, []).

one([]) -> undefined;
one([X]) -> X;
one(X) -> X.

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

pick_peer([Peer | _], _, _Svc, _State) -> {ok, Peer};
pick_peer([], _, _Svc, _State) -> false.

%% Origin-Host, Origin-Realm, Destination-Realm: ours and the peer's, from the capabilities.
prepare_request(#diameter_packet{msg = [T | Avps]}, _Svc, {_, Caps}) ->
    #diameter_caps{origin_host = {OH, _}, origin_realm = {OR, DR}} = Caps,
    {send, [T, {'Origin-Host', OH}, {'Origin-Realm', OR}, {'Destination-Realm', DR} | Avps]}.

prepare_retransmit(Pkt, Svc, Peer) -> prepare_request(Pkt, Svc, Peer).

handle_answer(#diameter_packet{header = H, msg = Msg, errors = Errors}, _Req, _Svc, _Peer) ->
    {answer, H, Msg, Errors}.

handle_error(Reason, _Req, _Svc, _Peer) -> {error, Reason}.

handle_request(#diameter_packet{msg = Msg}, _Svc, _Peer) ->
    out("UNEXPECTED request ~0p", [Msg]),
    {answer_message, 3001}.
