/*
 * fd_gy_answer — a minimal Gy answering extension for freeDiameter 1.2.x, for benchmarks only.
 *
 * Part of diameter4j (diameter4j-benchmarks/scripts/compare-gy.sh builds it at run time; the
 * built .so is never committed). Written against the public freeDiameter headers
 * (<freeDiameter/extension.h>, libfdcore.h, libfdproto.h).
 *
 * It answers every Credit-Control-Request (RFC 4006 §3.1, application 4, command 272) with a
 * Credit-Control-Answer (RFC 4006 §3.2):
 *   Session-Id (copied by fd_msg_new_answer_from_req), Result-Code 2001 DIAMETER_SUCCESS,
 *   Origin-Host, Origin-Realm (fd_msg_rescode_set), Auth-Application-Id 4,
 *   CC-Request-Type and CC-Request-Number copied from the request (RFC 4006 §8.3, §8.2),
 *   and a Granted-Service-Unit { CC-Total-Octets } (§8.17, §8.23): one per
 *   Multiple-Services-Credit-Control of the request (§8.16), echoing its Rating-Group (§8.29)
 *   and Service-Identifier (§8.28) with a per-MSCC Result-Code 2001, or one at command level
 *   when the request has no MSCC.
 * No charging state, no logging per message: it measures freeDiameter's own cost of receiving,
 * parsing, dispatching, building and sending a Gy answer.
 *
 * Needs the DCCA dictionary (dict_dcca.fdx) loaded before it. The optional configuration
 * string of LoadExtension is the number of octets to grant (default 1000000):
 *   LoadExtension = "fd_gy_answer.so" : "1000000";
 */
#include <freeDiameter/extension.h>

#include <stdlib.h>

/* AVP codes (base protocol and RFC 4006 §8), vendor 0. */
#define AVP_CC_REQUEST_NUMBER 415
#define AVP_CC_REQUEST_TYPE 416
#define AVP_MSCC 456
#define AVP_RATING_GROUP 432
#define AVP_SERVICE_IDENTIFIER 439

static struct disp_hdl *ccr_handler;
static uint64_t granted_octets = 1000000;

static struct dict_object *d_app;
static struct dict_object *d_ccr;
static struct dict_object *d_result_code;
static struct dict_object *d_auth_app_id;
static struct dict_object *d_cc_request_type;
static struct dict_object *d_cc_request_number;
static struct dict_object *d_mscc;
static struct dict_object *d_gsu;
static struct dict_object *d_cc_total_octets;
static struct dict_object *d_rating_group;
static struct dict_object *d_service_identifier;

/* Adds a new AVP of the given model with the given value as the last child of parent. */
static int add_value(msg_or_avp *parent, struct dict_object *model, union avp_value *value)
{
	struct avp *avp = NULL;
	CHECK_FCT(fd_msg_avp_new(model, 0, &avp));
	CHECK_FCT(fd_msg_avp_setvalue(avp, value));
	CHECK_FCT(fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp));
	return 0;
}

/* Adds Granted-Service-Unit { CC-Total-Octets } as the last child of parent. */
static int add_gsu(msg_or_avp *parent)
{
	struct avp *gsu = NULL;
	union avp_value v;
	CHECK_FCT(fd_msg_avp_new(d_gsu, 0, &gsu));
	v.u64 = granted_octets;
	CHECK_FCT(add_value(gsu, d_cc_total_octets, &v));
	CHECK_FCT(fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, gsu));
	return 0;
}

/* One answer MSCC for one request MSCC: GSU, the echoed Service-Identifier(s) and Rating-Group,
 * and its own Result-Code (TS 32.299 §7.2.128 carries the per-service result there). */
static int add_mscc_answer(struct msg *ans, struct avp *req_mscc)
{
	struct avp *mscc = NULL;
	struct avp *child = NULL;
	struct avp_hdr *h;
	union avp_value v;

	CHECK_FCT(fd_msg_avp_new(d_mscc, 0, &mscc));
	CHECK_FCT(add_gsu(mscc));
	CHECK_FCT(fd_msg_browse(req_mscc, MSG_BRW_FIRST_CHILD, &child, NULL));
	while (child) {
		CHECK_FCT(fd_msg_avp_hdr(child, &h));
		if (h->avp_vendor == 0 && h->avp_value != NULL) {
			if (h->avp_code == AVP_SERVICE_IDENTIFIER) {
				CHECK_FCT(add_value(mscc, d_service_identifier, h->avp_value));
			} else if (h->avp_code == AVP_RATING_GROUP) {
				CHECK_FCT(add_value(mscc, d_rating_group, h->avp_value));
			}
		}
		CHECK_FCT(fd_msg_browse(child, MSG_BRW_NEXT, &child, NULL));
	}
	v.u32 = ER_DIAMETER_SUCCESS;
	CHECK_FCT(add_value(mscc, d_result_code, &v));
	CHECK_FCT(fd_msg_avp_add(ans, MSG_BRW_LAST_CHILD, mscc));
	return 0;
}

/* The dispatch callback: *msg is the parsed CCR on entry, the CCA on return. */
static int ccr_cb(struct msg **msg, struct avp *unused_avp, struct session *sess, void *opaque,
		enum disp_action *act)
{
	struct msg *req = *msg;
	struct msg *ans;
	struct avp *a = NULL;
	struct avp_hdr *h;
	struct avp *req_type = NULL, *req_number = NULL;
	struct avp *msccs[16];
	int n_mscc = 0, i;
	union avp_value v;

	(void)unused_avp;
	(void)sess;
	(void)opaque;

	/* One pass over the request's top-level AVPs, by code (no dictionary search per message). */
	CHECK_FCT(fd_msg_browse(req, MSG_BRW_FIRST_CHILD, &a, NULL));
	while (a) {
		CHECK_FCT(fd_msg_avp_hdr(a, &h));
		if (h->avp_vendor == 0) {
			if (h->avp_code == AVP_CC_REQUEST_TYPE) {
				req_type = a;
			} else if (h->avp_code == AVP_CC_REQUEST_NUMBER) {
				req_number = a;
			} else if (h->avp_code == AVP_MSCC && n_mscc < 16) {
				msccs[n_mscc++] = a;
			}
		}
		CHECK_FCT(fd_msg_browse(a, MSG_BRW_NEXT, &a, NULL));
	}

	/* The answer keeps a link to the request, which freeDiameter frees once the answer is sent. */
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	ans = *msg;
	CHECK_FCT(fd_msg_rescode_set(ans, "DIAMETER_SUCCESS", NULL, NULL, 1));

	v.u32 = 4; /* RFC 4006 §1.3: Auth-Application-Id 4 in every DCCA message. */
	CHECK_FCT(add_value(ans, d_auth_app_id, &v));
	if (req_type) {
		CHECK_FCT(fd_msg_avp_hdr(req_type, &h));
		if (h->avp_value) {
			CHECK_FCT(add_value(ans, d_cc_request_type, h->avp_value));
		}
	}
	if (req_number) {
		CHECK_FCT(fd_msg_avp_hdr(req_number, &h));
		if (h->avp_value) {
			CHECK_FCT(add_value(ans, d_cc_request_number, h->avp_value));
		}
	}
	if (n_mscc == 0) {
		CHECK_FCT(add_gsu(ans));
	}
	for (i = 0; i < n_mscc; i++) {
		CHECK_FCT(add_mscc_answer(ans, msccs[i]));
	}

	*act = DISP_ACT_SEND;
	return 0;
}

static int find_avp(const char *name, struct dict_object **out)
{
	CHECK_FCT(fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_NAME, name, out, ENOENT));
	return 0;
}

static int gy_answer_init(char *conf)
{
	struct disp_when when;
	application_id_t dcca = 4;
	command_code_t ccr = 272;

	if (conf && *conf) {
		char *end = NULL;
		unsigned long long n = strtoull(conf, &end, 10);
		if (end == conf || *end != '\0') {
			TRACE_ERROR("fd_gy_answer: the configuration must be a number of octets, not '%s'", conf);
			return EINVAL;
		}
		granted_octets = n;
	}

	CHECK_FCT(fd_dict_search(fd_g_config->cnf_dict, DICT_APPLICATION, APPLICATION_BY_ID, &dcca,
			&d_app, ENOENT));
	CHECK_FCT(fd_dict_search(fd_g_config->cnf_dict, DICT_COMMAND, CMD_BY_CODE_R, &ccr, &d_ccr,
			ENOENT));
	CHECK_FCT(find_avp("Result-Code", &d_result_code));
	CHECK_FCT(find_avp("Auth-Application-Id", &d_auth_app_id));
	CHECK_FCT(find_avp("CC-Request-Type", &d_cc_request_type));
	CHECK_FCT(find_avp("CC-Request-Number", &d_cc_request_number));
	CHECK_FCT(find_avp("Multiple-Services-Credit-Control", &d_mscc));
	CHECK_FCT(find_avp("Granted-Service-Unit", &d_gsu));
	CHECK_FCT(find_avp("CC-Total-Octets", &d_cc_total_octets));
	CHECK_FCT(find_avp("Rating-Group", &d_rating_group));
	CHECK_FCT(find_avp("Service-Identifier", &d_service_identifier));

	memset(&when, 0, sizeof(when));
	when.app = d_app;
	when.command = d_ccr;
	CHECK_FCT(fd_disp_register(ccr_cb, DISP_HOW_CC, &when, NULL, &ccr_handler));
	/* Advertise application 4 (auth) in the CEA, so the CCRs are delivered here. */
	CHECK_FCT(fd_disp_app_support(d_app, NULL, 1, 0));
	return 0;
}

void fd_ext_fini(void)
{
	if (ccr_handler) {
		CHECK_FCT_DO(fd_disp_unregister(&ccr_handler, NULL), /* continue */);
	}
}

EXTENSION_ENTRY("fd_gy_answer", gy_answer_init, "dict_dcca");
