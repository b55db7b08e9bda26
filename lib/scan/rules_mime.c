/*
 * rules_mime.c - MIME structure and type rules: rspamd 3.4's mime_types
 * plugin (MIME_TRACE, MIME_GOOD, MIME_BAD, MIME_UNKNOWN, MIME_BAD_ATTACHMENT,
 * MIME_BAD_EXTENSION, MIME_DOUBLE_BAD_EXTENSION, MIME_ARCHIVE_IN_ARCHIVE,
 * MIME_BAD_UNICODE) and the MIME checks of rules/misc.lua (SIGNED_PGP,
 * SIGNED_SMIME, ENCRYPTED_PGP, ENCRYPTED_SMIME, BOGUS_ENCRYPTED_AND_TEXT,
 * R_BAD_CTE_7BIT, HAS_ATTACHMENT).
 *
 * Owns: the packaged content-type map and extension tables, transcribed as
 * data from rspamd 3.4 (maps.d/mime_types.inc, lualib/lua_mime_types.lua,
 * plugins/mime_types.lua, modules.d/mime_types.conf).
 *
 * MIME_TRACE's options are "<part number>:<verdict>": the part number is
 * the part's index in msg.parts (depth first, the root is 0, as rspamd
 * numbers them), the verdict "+" (good type), "~" (neutral or unknown
 * type) or "-" (bad type or bad file name).
 *
 * Not done: rspamd's content sniffing (lua_magic) and archive listings
 * (zip/rar/7z file names), so the archive-only symbols never fire.
 */
#include "rules.h"
#include "areas.h"
#include "cte.h"
#include "magic.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct mime_map_entry {
	const char *ct;
	int value;      /* < 0 good, 0 neutral, > 0 bad */
};

struct ext_map_entry {
	const char *ext;
	int mult10;     /* MIME_BAD_ATTACHMENT multiplier times ten */
	const char *cts; /* accepted content types, '|'-separated */
};

/* Transcribed from rspamd 3.4 maps.d/mime_types.inc (data). */
static const struct mime_map_entry mime_map[] = {
	{ "application/1d-interleaved-parityfec", 0 },
	{ "application/3gpdash-qoe-report+xml", 0 },
	{ "application/3gpp-ims+xml", 0 },
	{ "application/a2l", 0 },
	{ "application/activemessage", 0 },
	{ "application/alto-costmap+json", 0 },
	{ "application/alto-costmapfilter+json", 0 },
	{ "application/alto-directory+json", 0 },
	{ "application/alto-endpointcost+json", 0 },
	{ "application/alto-endpointcostparams+json", 0 },
	{ "application/alto-endpointprop+json", 0 },
	{ "application/alto-endpointpropparams+json", 0 },
	{ "application/alto-error+json", 0 },
	{ "application/alto-networkmap+json", 0 },
	{ "application/alto-networkmapfilter+json", 0 },
	{ "application/aml", 0 },
	{ "application/andrew-inset", 0 },
	{ "application/applefile", 0 },
	{ "application/atf", 0 },
	{ "application/atfx", 0 },
	{ "application/atom+xml", 0 },
	{ "application/atomcat+xml", 0 },
	{ "application/atomdeleted+xml", 0 },
	{ "application/atomicmail", 0 },
	{ "application/atomsvc+xml", 0 },
	{ "application/atxml", 0 },
	{ "application/auth-policy+xml", 0 },
	{ "application/bacnet-xdd+zip", 0 },
	{ "application/batch-smtp", 0 },
	{ "application/beep+xml", 0 },
	{ "application/calendar+json", 0 },
	{ "application/calendar+xml", 0 },
	{ "application/call-completion", 0 },
	{ "application/cals-1840", 0 },
	{ "application/cbor", 0 },
	{ "application/ccmp+xml", 0 },
	{ "application/ccxml+xml", 0 },
	{ "application/cdfx+xml", 0 },
	{ "application/cdmi-capability", 0 },
	{ "application/cdmi-container", 0 },
	{ "application/cdmi-domain", 0 },
	{ "application/cdmi-object", 0 },
	{ "application/cdmi-queue", 0 },
	{ "application/cdni", 0 },
	{ "application/cea", 0 },
	{ "application/cea-2018+xml", 0 },
	{ "application/cellml+xml", 0 },
	{ "application/cfw", 0 },
	{ "application/cms", 0 },
	{ "application/cnrp+xml", 0 },
	{ "application/coap-group+json", 0 },
	{ "application/commonground", 0 },
	{ "application/conference-info+xml", 0 },
	{ "application/cpl+xml", 0 },
	{ "application/csrattrs", 0 },
	{ "application/csta+xml", 0 },
	{ "application/cstadata+xml", 0 },
	{ "application/csvm+json", 0 },
	{ "application/cybercash", 0 },
	{ "application/dash+xml", 0 },
	{ "application/dashdelta", 0 },
	{ "application/davmount+xml", 0 },
	{ "application/dca-rft", 0 },
	{ "application/dcd", 0 },
	{ "application/dec-dx", 0 },
	{ "application/dialog-info+xml", 0 },
	{ "application/dicom", 0 },
	{ "application/dii", 0 },
	{ "application/dit", 0 },
	{ "application/dns", 0 },
	{ "application/dskpp+xml", 0 },
	{ "application/dssc+der", 0 },
	{ "application/dssc+xml", 0 },
	{ "application/dvcs", 0 },
	{ "application/ecmascript", 0 },
	{ "application/edi-consent", 0 },
	{ "application/edi-x12", 0 },
	{ "application/edifact", 0 },
	{ "application/emergencycalldata.comment+xml", 0 },
	{ "application/emergencycalldata.deviceinfo+xml", 0 },
	{ "application/emergencycalldata.providerinfo+xml", 0 },
	{ "application/emergencycalldata.serviceinfo+xml", 0 },
	{ "application/emergencycalldata.subscriberinfo+xml", 0 },
	{ "application/emotionml+xml", 0 },
	{ "application/encaprtp", 0 },
	{ "application/epp+xml", 0 },
	{ "application/epub+zip", 0 },
	{ "application/eshop", 0 },
	{ "application/example", 0 },
	{ "application/fastinfoset", 0 },
	{ "application/fastsoap", 0 },
	{ "application/fdt+xml", 0 },
	{ "application/fits", 0 },
	{ "application/font-sfnt", 0 },
	{ "application/font-tdpfr", 0 },
	{ "application/font-woff", 0 },
	{ "application/framework-attributes+xml", 0 },
	{ "application/gzip", 0 },
	{ "application/h224", 0 },
	{ "application/held+xml", 0 },
	{ "application/http", 0 },
	{ "application/hyperstudio", 0 },
	{ "application/ibe-key-request+xml", 0 },
	{ "application/ibe-pkg-reply+xml", 0 },
	{ "application/ibe-pp-data", 0 },
	{ "application/ics", 0 },
	{ "application/iges", 0 },
	{ "application/im-iscomposing+xml", 0 },
	{ "application/index", 0 },
	{ "application/index-obj", 0 },
	{ "application/index.cmd", 0 },
	{ "application/index.response", 0 },
	{ "application/index.vnd", 0 },
	{ "application/inkml+xml", 0 },
	{ "application/iotp", 0 },
	{ "application/ipfix", 0 },
	{ "application/ipp", 0 },
	{ "application/isup", 0 },
	{ "application/its+xml", 0 },
	{ "application/javascript", 0 },
	{ "application/jose", 0 },
	{ "application/jose+json", 0 },
	{ "application/jrd+json", 0 },
	{ "application/json", 0 },
	{ "application/json-patch+json", 0 },
	{ "application/json-seq", 0 },
	{ "application/jwk+json", 0 },
	{ "application/jwk-set+json", 0 },
	{ "application/jwt", 0 },
	{ "application/kpml-request+xml", 0 },
	{ "application/kpml-response+xml", 0 },
	{ "application/ld+json", 0 },
	{ "application/link-format", 0 },
	{ "application/load-control+xml", 0 },
	{ "application/lost+xml", 0 },
	{ "application/lostsync+xml", 0 },
	{ "application/lxf", 0 },
	{ "application/mac-binhex40", 0 },
	{ "application/macwriteii", 0 },
	{ "application/mads+xml", 0 },
	{ "application/marc", 0 },
	{ "application/marcxml+xml", 0 },
	{ "application/mathematica", 0 },
	{ "application/mbms-associated-procedure-description+xml", 0 },
	{ "application/mbms-deregister+xml", 0 },
	{ "application/mbms-envelope+xml", 0 },
	{ "application/mbms-msk+xml", 0 },
	{ "application/mbms-msk-response+xml", 0 },
	{ "application/mbms-protection-description+xml", 0 },
	{ "application/mbms-reception-report+xml", 0 },
	{ "application/mbms-register+xml", 0 },
	{ "application/mbms-register-response+xml", 0 },
	{ "application/mbms-schedule+xml", 0 },
	{ "application/mbms-user-service-description+xml", 0 },
	{ "application/mbox", 0 },
	{ "application/media-policy-dataset+xml", 0 },
	{ "application/media_control+xml", 0 },
	{ "application/mediaservercontrol+xml", 0 },
	{ "application/merge-patch+json", 0 },
	{ "application/metalink4+xml", 0 },
	{ "application/mets+xml", 0 },
	{ "application/mf4", 0 },
	{ "application/mikey", 0 },
	{ "application/mods+xml", 0 },
	{ "application/moss-keys", 0 },
	{ "application/moss-signature", 0 },
	{ "application/mosskey-data", 0 },
	{ "application/mosskey-request", 0 },
	{ "application/mp21", 0 },
	{ "application/mp4", 0 },
	{ "application/mpeg4-generic", 0 },
	{ "application/mpeg4-iod", 0 },
	{ "application/mpeg4-iod-xmt", 0 },
	{ "application/mrb-consumer+xml", 0 },
	{ "application/mrb-publish+xml", 0 },
	{ "application/msc-ivr+xml", 0 },
	{ "application/msc-mixer+xml", 0 },
	{ "application/msword", 0 },
	{ "application/mxf", 0 },
	{ "application/nasdata", 0 },
	{ "application/news-checkgroups", 0 },
	{ "application/news-groupinfo", 0 },
	{ "application/news-transmission", 0 },
	{ "application/nlsml+xml", 0 },
	{ "application/nss", 0 },
	{ "application/ocsp-request", 0 },
	{ "application/ocsp-response", 0 },
	{ "application/octet-stream", 0 },
	{ "application/oda", 0 },
	{ "application/odx", 0 },
	{ "application/oebps-package+xml", 0 },
	{ "application/ogg", 0 },
	{ "application/oxps", 0 },
	{ "application/p2p-overlay+xml", 0 },
	{ "application/patch-ops-error+xml", 0 },
	{ "application/pdf", 0 },
	{ "application/pdx", 0 },
	{ "application/pgp-encrypted", 0 },
	{ "application/pgp-keys", 0 },
	{ "application/pgp-signature", 0 },
	{ "application/pidf+xml", 0 },
	{ "application/pidf-diff+xml", 0 },
	{ "application/pkcs10", 0 },
	{ "application/pkcs12", 0 },
	{ "application/pkcs7-mime", -1 },
	{ "application/pkcs7-signature", -1 },
	{ "application/pkcs8", 0 },
	{ "application/pkix-attr-cert", 0 },
	{ "application/pkix-cert", 0 },
	{ "application/pkix-crl", 0 },
	{ "application/pkix-pkipath", 0 },
	{ "application/pkixcmp", 0 },
	{ "application/pls+xml", 0 },
	{ "application/poc-settings+xml", 0 },
	{ "application/postscript", 0 },
	{ "application/ppsp-tracker+json", 0 },
	{ "application/provenance+xml", 0 },
	{ "application/prs.alvestrand.titrax-sheet", 0 },
	{ "application/prs.cww", 0 },
	{ "application/prs.hpub+zip", 0 },
	{ "application/prs.nprend", 0 },
	{ "application/prs.plucker", 0 },
	{ "application/prs.rdf-xml-crypt", 0 },
	{ "application/prs.xsf+xml", 0 },
	{ "application/pskc+xml", 0 },
	{ "application/qsig", 0 },
	{ "application/raptorfec", 0 },
	{ "application/rdap+json", 0 },
	{ "application/rdf+xml", 0 },
	{ "application/reginfo+xml", 0 },
	{ "application/relax-ng-compact-syntax", 0 },
	{ "application/remote-printing", 0 },
	{ "application/reputon+json", 0 },
	{ "application/resource-lists+xml", 0 },
	{ "application/resource-lists-diff+xml", 0 },
	{ "application/rfc+xml", 0 },
	{ "application/riscos", 0 },
	{ "application/rlmi+xml", 0 },
	{ "application/rls-services+xml", 0 },
	{ "application/rpki-ghostbusters", 0 },
	{ "application/rpki-manifest", 0 },
	{ "application/rpki-roa", 0 },
	{ "application/rpki-updown", 0 },
	{ "application/rtf", 0 },
	{ "application/rtploopback", 0 },
	{ "application/rtx", 0 },
	{ "application/samlassertion+xml", 0 },
	{ "application/samlmetadata+xml", 0 },
	{ "application/sbml+xml", 0 },
	{ "application/scaip+xml", 0 },
	{ "application/scim+json", 0 },
	{ "application/scvp-cv-request", 0 },
	{ "application/scvp-cv-response", 0 },
	{ "application/scvp-vp-request", 0 },
	{ "application/scvp-vp-response", 0 },
	{ "application/sdp", 0 },
	{ "application/sep+xml", 0 },
	{ "application/sep-exi", 0 },
	{ "application/session-info", 0 },
	{ "application/set-payment", 0 },
	{ "application/set-payment-initiation", 0 },
	{ "application/set-registration", 0 },
	{ "application/set-registration-initiation", 0 },
	{ "application/sgml", 0 },
	{ "application/sgml-open-catalog", 0 },
	{ "application/shf+xml", 0 },
	{ "application/sieve", 0 },
	{ "application/simple-filter+xml", 0 },
	{ "application/simple-message-summary", 0 },
	{ "application/simplesymbolcontainer", 0 },
	{ "application/slate", 0 },
	{ "application/smil+xml", 0 },
	{ "application/smpte336m", 0 },
	{ "application/soap+fastinfoset", 0 },
	{ "application/soap+xml", 0 },
	{ "application/spirits-event+xml", 0 },
	{ "application/sql", 0 },
	{ "application/srgs", 0 },
	{ "application/srgs+xml", 0 },
	{ "application/sru+xml", 0 },
	{ "application/ssml+xml", 0 },
	{ "application/tamp-apex-update", 0 },
	{ "application/tamp-apex-update-confirm", 0 },
	{ "application/tamp-community-update", 0 },
	{ "application/tamp-community-update-confirm", 0 },
	{ "application/tamp-error", 0 },
	{ "application/tamp-sequence-adjust", 0 },
	{ "application/tamp-sequence-adjust-confirm", 0 },
	{ "application/tamp-status-query", 0 },
	{ "application/tamp-status-response", 0 },
	{ "application/tamp-update", 0 },
	{ "application/tamp-update-confirm", 0 },
	{ "application/tei+xml", 0 },
	{ "application/thraud+xml", 0 },
	{ "application/timestamp-query", 0 },
	{ "application/timestamp-reply", 0 },
	{ "application/timestamped-data", 0 },
	{ "application/ttml+xml", 0 },
	{ "application/tve-trigger", 0 },
	{ "application/ulpfec", 0 },
	{ "application/urc-grpsheet+xml", 0 },
	{ "application/urc-ressheet+xml", 0 },
	{ "application/urc-targetdesc+xml", 0 },
	{ "application/urc-uisocketdesc+xml", 0 },
	{ "application/vcard+json", 0 },
	{ "application/vcard+xml", 0 },
	{ "application/vemmi", 0 },
	{ "application/vnd-acucobol", 0 },
	{ "application/vnd-curl", 0 },
	{ "application/vnd-dart", 0 },
	{ "application/vnd-dxr", 0 },
	{ "application/vnd-fdf", 0 },
	{ "application/vnd-mif", 0 },
	{ "application/vnd-sema", 0 },
	{ "application/vnd-wap-wmlc", 0 },
	{ "application/vnd.3gpp-prose+xml", 0 },
	{ "application/vnd.3gpp-prose-pc3ch+xml", 0 },
	{ "application/vnd.3gpp.access-transfer-events+xml", 0 },
	{ "application/vnd.3gpp.bsf+xml", 0 },
	{ "application/vnd.3gpp.mid-call+xml", 0 },
	{ "application/vnd.3gpp.pic-bw-large", 0 },
	{ "application/vnd.3gpp.pic-bw-small", 0 },
	{ "application/vnd.3gpp.pic-bw-var", 0 },
	{ "application/vnd.3gpp.sms", 0 },
	{ "application/vnd.3gpp.srvcc-ext+xml", 0 },
	{ "application/vnd.3gpp.srvcc-info+xml", 0 },
	{ "application/vnd.3gpp.state-and-event-info+xml", 0 },
	{ "application/vnd.3gpp.ussd+xml", 0 },
	{ "application/vnd.3gpp2.bcmcsinfo+xml", 0 },
	{ "application/vnd.3gpp2.sms", 0 },
	{ "application/vnd.3gpp2.tcap", 0 },
	{ "application/vnd.3m.post-it-notes", 0 },
	{ "application/vnd.accpac.simply.aso", 0 },
	{ "application/vnd.accpac.simply.imp", 0 },
	{ "application/vnd.acucorp", 0 },
	{ "application/vnd.adobe.flash-movie", 0 },
	{ "application/vnd.adobe.formscentral.fcdt", 0 },
	{ "application/vnd.adobe.fxp", 0 },
	{ "application/vnd.adobe.partial-upload", 0 },
	{ "application/vnd.adobe.xdp+xml", 0 },
	{ "application/vnd.adobe.xfdf", 0 },
	{ "application/vnd.aether.imp", 0 },
	{ "application/vnd.ah-barcode", 0 },
	{ "application/vnd.ahead.space", 0 },
	{ "application/vnd.airzip.filesecure.azf", 0 },
	{ "application/vnd.airzip.filesecure.azs", 0 },
	{ "application/vnd.americandynamics.acc", 0 },
	{ "application/vnd.amiga.ami", 0 },
	{ "application/vnd.amundsen.maze+xml", 0 },
	{ "application/vnd.anki", 0 },
	{ "application/vnd.anser-web-certificate-issue-initiation", 0 },
	{ "application/vnd.antix.game-component", 0 },
	{ "application/vnd.apache.thrift.binary", 0 },
	{ "application/vnd.apache.thrift.compact", 0 },
	{ "application/vnd.apache.thrift.json", 0 },
	{ "application/vnd.api+json", 0 },
	{ "application/vnd.apple.installer+xml", 0 },
	{ "application/vnd.apple.mpegurl", 0 },
	{ "application/vnd.arastra.swi", 0 },
	{ "application/vnd.aristanetworks.swi", 0 },
	{ "application/vnd.artsquare", 0 },
	{ "application/vnd.astraea-software.iota", 0 },
	{ "application/vnd.audiograph", 0 },
	{ "application/vnd.autopackage", 0 },
	{ "application/vnd.avistar+xml", 0 },
	{ "application/vnd.balsamiq.bmml+xml", 0 },
	{ "application/vnd.balsamiq.bmpr", 0 },
	{ "application/vnd.bekitzur-stech+json", 0 },
	{ "application/vnd.biopax.rdf+xml", 0 },
	{ "application/vnd.blueice.multipass", 0 },
	{ "application/vnd.bluetooth.ep.oob", 0 },
	{ "application/vnd.bluetooth.le.oob", 0 },
	{ "application/vnd.bmi", 0 },
	{ "application/vnd.businessobjects", 0 },
	{ "application/vnd.cab-jscript", 0 },
	{ "application/vnd.canon-cpdl", 0 },
	{ "application/vnd.canon-lips", 0 },
	{ "application/vnd.cendio.thinlinc.clientconf", 0 },
	{ "application/vnd.century-systems.tcp_stream", 0 },
	{ "application/vnd.chemdraw+xml", 0 },
	{ "application/vnd.chipnuts.karaoke-mmd", 0 },
	{ "application/vnd.cinderella", 0 },
	{ "application/vnd.cirpack.isdn-ext", 0 },
	{ "application/vnd.citationstyles.style+xml", 0 },
	{ "application/vnd.claymore", 0 },
	{ "application/vnd.cloanto.rp9", 0 },
	{ "application/vnd.clonk.c4group", 0 },
	{ "application/vnd.cluetrust.cartomobile-config", 0 },
	{ "application/vnd.cluetrust.cartomobile-config-pkg", 0 },
	{ "application/vnd.coffeescript", 0 },
	{ "application/vnd.collection+json", 0 },
	{ "application/vnd.collection.doc+json", 0 },
	{ "application/vnd.collection.next+json", 0 },
	{ "application/vnd.commerce-battelle", 0 },
	{ "application/vnd.commonspace", 0 },
	{ "application/vnd.contact.cmsg", 0 },
	{ "application/vnd.cosmocaller", 0 },
	{ "application/vnd.crick.clicker", 0 },
	{ "application/vnd.crick.clicker.keyboard", 0 },
	{ "application/vnd.crick.clicker.palette", 0 },
	{ "application/vnd.crick.clicker.template", 0 },
	{ "application/vnd.crick.clicker.wordbank", 0 },
	{ "application/vnd.criticaltools.wbs+xml", 0 },
	{ "application/vnd.ctc-posml", 0 },
	{ "application/vnd.ctct.ws+xml", 0 },
	{ "application/vnd.cups-pdf", 0 },
	{ "application/vnd.cups-postscript", 0 },
	{ "application/vnd.cups-ppd", 0 },
	{ "application/vnd.cups-raster", 0 },
	{ "application/vnd.cups-raw", 0 },
	{ "application/vnd.cyan.dean.root+xml", 0 },
	{ "application/vnd.cybank", 0 },
	{ "application/vnd.data-vision.rdz", 0 },
	{ "application/vnd.debian.binary-package", 0 },
	{ "application/vnd.dece-zip", 0 },
	{ "application/vnd.dece.data", 0 },
	{ "application/vnd.dece.ttml+xml", 0 },
	{ "application/vnd.dece.unspecified", 0 },
	{ "application/vnd.denovo.fcselayout-link", 0 },
	{ "application/vnd.desmume-movie", 0 },
	{ "application/vnd.dir-bi.plate-dl-nosuffix", 0 },
	{ "application/vnd.dm.delegation+xml", 0 },
	{ "application/vnd.dna", 0 },
	{ "application/vnd.document+json", 0 },
	{ "application/vnd.dolby.mobile.1", 0 },
	{ "application/vnd.dolby.mobile.2", 0 },
	{ "application/vnd.doremir.scorecloud-binary-document", 0 },
	{ "application/vnd.dpgraph", 0 },
	{ "application/vnd.dreamfactory", 0 },
	{ "application/vnd.drive+json", 0 },
	{ "application/vnd.dtg.local", 0 },
	{ "application/vnd.dtg.local-html", 0 },
	{ "application/vnd.dtg.local.flash", 0 },
	{ "application/vnd.dvb.ait", 0 },
	{ "application/vnd.dvb.dvbj", 0 },
	{ "application/vnd.dvb.esgcontainer", 0 },
	{ "application/vnd.dvb.ipdcdftnotifaccess", 0 },
	{ "application/vnd.dvb.ipdcesgaccess", 0 },
	{ "application/vnd.dvb.ipdcesgaccess2", 0 },
	{ "application/vnd.dvb.ipdcesgpdd", 0 },
	{ "application/vnd.dvb.ipdcroaming", 0 },
	{ "application/vnd.dvb.iptv.alfec-base", 0 },
	{ "application/vnd.dvb.iptv.alfec-enhancement", 0 },
	{ "application/vnd.dvb.notif-aggregate-root+xml", 0 },
	{ "application/vnd.dvb.notif-container+xml", 0 },
	{ "application/vnd.dvb.notif-generic+xml", 0 },
	{ "application/vnd.dvb.notif-ia-msglist+xml", 0 },
	{ "application/vnd.dvb.notif-ia-registration-request+xml", 0 },
	{ "application/vnd.dvb.notif-ia-registration-response+xml", 0 },
	{ "application/vnd.dvb.notif-init+xml", 0 },
	{ "application/vnd.dvb.pfr", 0 },
	{ "application/vnd.dvb_service", 0 },
	{ "application/vnd.dynageo", 0 },
	{ "application/vnd.dzr", 0 },
	{ "application/vnd.easykaraoke.cdgdownload", 0 },
	{ "application/vnd.ecdis-update", 0 },
	{ "application/vnd.ecowin.chart", 0 },
	{ "application/vnd.ecowin.filerequest", 0 },
	{ "application/vnd.ecowin.fileupdate", 0 },
	{ "application/vnd.ecowin.series", 0 },
	{ "application/vnd.ecowin.seriesrequest", 0 },
	{ "application/vnd.ecowin.seriesupdate", 0 },
	{ "application/vnd.emclient.accessrequest+xml", 0 },
	{ "application/vnd.enliven", 0 },
	{ "application/vnd.enphase.envoy", 0 },
	{ "application/vnd.eprints.data+xml", 0 },
	{ "application/vnd.epson.esf", 0 },
	{ "application/vnd.epson.msf", 0 },
	{ "application/vnd.epson.quickanime", 0 },
	{ "application/vnd.epson.salt", 0 },
	{ "application/vnd.epson.ssf", 0 },
	{ "application/vnd.ericsson.quickcall", 0 },
	{ "application/vnd.eszigno3+xml", 0 },
	{ "application/vnd.etsi.aoc+xml", 0 },
	{ "application/vnd.etsi.asic-e+zip", 0 },
	{ "application/vnd.etsi.asic-s+zip", 0 },
	{ "application/vnd.etsi.cug+xml", 0 },
	{ "application/vnd.etsi.iptvcommand+xml", 0 },
	{ "application/vnd.etsi.iptvdiscovery+xml", 0 },
	{ "application/vnd.etsi.iptvprofile+xml", 0 },
	{ "application/vnd.etsi.iptvsad-bc+xml", 0 },
	{ "application/vnd.etsi.iptvsad-cod+xml", 0 },
	{ "application/vnd.etsi.iptvsad-npvr+xml", 0 },
	{ "application/vnd.etsi.iptvservice+xml", 0 },
	{ "application/vnd.etsi.iptvsync+xml", 0 },
	{ "application/vnd.etsi.iptvueprofile+xml", 0 },
	{ "application/vnd.etsi.mcid+xml", 0 },
	{ "application/vnd.etsi.mheg5", 0 },
	{ "application/vnd.etsi.overload-control-policy-dataset+xml", 0 },
	{ "application/vnd.etsi.pstn+xml", 0 },
	{ "application/vnd.etsi.sci+xml", 0 },
	{ "application/vnd.etsi.simservs+xml", 0 },
	{ "application/vnd.etsi.timestamp-token", 0 },
	{ "application/vnd.etsi.tsl+xml", 0 },
	{ "application/vnd.etsi.tsl.der", 0 },
	{ "application/vnd.eudora.data", 0 },
	{ "application/vnd.ezpix-album", 0 },
	{ "application/vnd.ezpix-package", 0 },
	{ "application/vnd.f-secure.mobile", 0 },
	{ "application/vnd.fastcopy-disk-image", 0 },
	{ "application/vnd.fdsn.mseed", 0 },
	{ "application/vnd.fdsn.seed", 0 },
	{ "application/vnd.ffsns", 0 },
	{ "application/vnd.filmit.zfc", 0 },
	{ "application/vnd.fints", 0 },
	{ "application/vnd.firemonkeys.cloudcell", 0 },
	{ "application/vnd.flographit", 0 },
	{ "application/vnd.fluxtime.clip", 0 },
	{ "application/vnd.font-fontforge-sfd", 0 },
	{ "application/vnd.framemaker", 0 },
	{ "application/vnd.frogans.fnc", 0 },
	{ "application/vnd.frogans.ltf", 0 },
	{ "application/vnd.fsc.weblaunch", 0 },
	{ "application/vnd.fujitsu.oasys", 0 },
	{ "application/vnd.fujitsu.oasys2", 0 },
	{ "application/vnd.fujitsu.oasys3", 0 },
	{ "application/vnd.fujitsu.oasysgp", 0 },
	{ "application/vnd.fujitsu.oasysprs", 0 },
	{ "application/vnd.fujixerox.art-ex", 0 },
	{ "application/vnd.fujixerox.art4", 0 },
	{ "application/vnd.fujixerox.ddd", 0 },
	{ "application/vnd.fujixerox.docuworks", 0 },
	{ "application/vnd.fujixerox.docuworks.binder", 0 },
	{ "application/vnd.fujixerox.docuworks.container", 0 },
	{ "application/vnd.fujixerox.hbpl", 0 },
	{ "application/vnd.fut-misnet", 0 },
	{ "application/vnd.fuzzysheet", 0 },
	{ "application/vnd.genomatix.tuxedo", 0 },
	{ "application/vnd.geo+json", 0 },
	{ "application/vnd.geocube+xml", 0 },
	{ "application/vnd.geogebra.file", 0 },
	{ "application/vnd.geogebra.tool", 0 },
	{ "application/vnd.geometry-explorer", 0 },
	{ "application/vnd.geonext", 0 },
	{ "application/vnd.geoplan", 0 },
	{ "application/vnd.geospace", 0 },
	{ "application/vnd.gerber", 0 },
	{ "application/vnd.globalplatform.card-content-mgt", 0 },
	{ "application/vnd.globalplatform.card-content-mgt-response", 0 },
	{ "application/vnd.gmx", 0 },
	{ "application/vnd.google-earth.kml+xml", 0 },
	{ "application/vnd.google-earth.kmz", 0 },
	{ "application/vnd.gov.sk.e-form+xml", 0 },
	{ "application/vnd.gov.sk.e-form+zip", 0 },
	{ "application/vnd.gov.sk.xmldatacontainer+xml", 0 },
	{ "application/vnd.grafeq", 0 },
	{ "application/vnd.gridmp", 0 },
	{ "application/vnd.groove-account", 0 },
	{ "application/vnd.groove-help", 0 },
	{ "application/vnd.groove-identity-message", 0 },
	{ "application/vnd.groove-injector", 0 },
	{ "application/vnd.groove-tool-message", 0 },
	{ "application/vnd.groove-tool-template", 0 },
	{ "application/vnd.groove-vcard", 0 },
	{ "application/vnd.hal+json", 0 },
	{ "application/vnd.hal+xml", 0 },
	{ "application/vnd.handheld-entertainment+xml", 0 },
	{ "application/vnd.hbci", 0 },
	{ "application/vnd.hcl-bireports", 0 },
	{ "application/vnd.hdt", 0 },
	{ "application/vnd.heroku+json", 0 },
	{ "application/vnd.hhe.lesson-player", 0 },
	{ "application/vnd.hp-hpgl", 0 },
	{ "application/vnd.hp-hpid", 0 },
	{ "application/vnd.hp-hps", 0 },
	{ "application/vnd.hp-jlyt", 0 },
	{ "application/vnd.hp-pcl", 0 },
	{ "application/vnd.hp-pclxl", 0 },
	{ "application/vnd.httphone", 0 },
	{ "application/vnd.hydrostatix.sof-data", 0 },
	{ "application/vnd.hyperdrive+json", 0 },
	{ "application/vnd.hzn-3d-crossword", 0 },
	{ "application/vnd.ibm.afplinedata", 0 },
	{ "application/vnd.ibm.electronic-media", 0 },
	{ "application/vnd.ibm.minipay", 0 },
	{ "application/vnd.ibm.modcap", 0 },
	{ "application/vnd.ibm.rights-management", 0 },
	{ "application/vnd.ibm.secure-container", 0 },
	{ "application/vnd.iccprofile", 0 },
	{ "application/vnd.ieee.1905", 0 },
	{ "application/vnd.igloader", 0 },
	{ "application/vnd.immervision-ivp", 0 },
	{ "application/vnd.immervision-ivu", 0 },
	{ "application/vnd.ims.imsccv1p1", 0 },
	{ "application/vnd.ims.imsccv1p2", 0 },
	{ "application/vnd.ims.imsccv1p3", 0 },
	{ "application/vnd.ims.lis.v2.result+json", 0 },
	{ "application/vnd.ims.lti.v2.toolconsumerprofile+json", 0 },
	{ "application/vnd.ims.lti.v2.toolproxy+json", 0 },
	{ "application/vnd.ims.lti.v2.toolproxy.id+json", 0 },
	{ "application/vnd.ims.lti.v2.toolsettings+json", 0 },
	{ "application/vnd.ims.lti.v2.toolsettings.simple+json", 0 },
	{ "application/vnd.informedcontrol.rms+xml", 0 },
	{ "application/vnd.infotech.project", 0 },
	{ "application/vnd.infotech.project+xml", 0 },
	{ "application/vnd.innopath.wamp.notification", 0 },
	{ "application/vnd.insors.igm", 0 },
	{ "application/vnd.intercon.formnet", 0 },
	{ "application/vnd.intergeo", 0 },
	{ "application/vnd.intertrust.digibox", 0 },
	{ "application/vnd.intertrust.nncp", 0 },
	{ "application/vnd.intu.qbo", 0 },
	{ "application/vnd.intu.qfx", 0 },
	{ "application/vnd.iptc.g2.catalogitem+xml", 0 },
	{ "application/vnd.iptc.g2.conceptitem+xml", 0 },
	{ "application/vnd.iptc.g2.knowledgeitem+xml", 0 },
	{ "application/vnd.iptc.g2.newsitem+xml", 0 },
	{ "application/vnd.iptc.g2.newsmessage+xml", 0 },
	{ "application/vnd.iptc.g2.packageitem+xml", 0 },
	{ "application/vnd.iptc.g2.planningitem+xml", 0 },
	{ "application/vnd.ipunplugged.rcprofile", 0 },
	{ "application/vnd.irepository.package+xml", 0 },
	{ "application/vnd.is-xpr", 0 },
	{ "application/vnd.isac.fcs", 0 },
	{ "application/vnd.jam", 0 },
	{ "application/vnd.japannet-directory-service", 0 },
	{ "application/vnd.japannet-jpnstore-wakeup", 0 },
	{ "application/vnd.japannet-payment-wakeup", 0 },
	{ "application/vnd.japannet-registration", 0 },
	{ "application/vnd.japannet-registration-wakeup", 0 },
	{ "application/vnd.japannet-setstore-wakeup", 0 },
	{ "application/vnd.japannet-verification", 0 },
	{ "application/vnd.japannet-verification-wakeup", 0 },
	{ "application/vnd.jcp.javame.midlet-rms", 0 },
	{ "application/vnd.jisp", 0 },
	{ "application/vnd.joost.joda-archive", 0 },
	{ "application/vnd.jsk.isdn-ngn", 0 },
	{ "application/vnd.kahootz", 0 },
	{ "application/vnd.kde.karbon", 0 },
	{ "application/vnd.kde.kchart", 0 },
	{ "application/vnd.kde.kformula", 0 },
	{ "application/vnd.kde.kivio", 0 },
	{ "application/vnd.kde.kontour", 0 },
	{ "application/vnd.kde.kpresenter", 0 },
	{ "application/vnd.kde.kspread", 0 },
	{ "application/vnd.kde.kword", 0 },
	{ "application/vnd.kenameaapp", 0 },
	{ "application/vnd.kidspiration", 0 },
	{ "application/vnd.kinar", 0 },
	{ "application/vnd.koan", 0 },
	{ "application/vnd.kodak-descriptor", 0 },
	{ "application/vnd.las.las+xml", 0 },
	{ "application/vnd.liberty-request+xml", 0 },
	{ "application/vnd.llamagraphics.life-balance.desktop", 0 },
	{ "application/vnd.llamagraphics.life-balance.exchange+xml", 0 },
	{ "application/vnd.lotus-1-2-3", 0 },
	{ "application/vnd.lotus-approach", 0 },
	{ "application/vnd.lotus-freelance", 0 },
	{ "application/vnd.lotus-notes", 0 },
	{ "application/vnd.lotus-organizer", 0 },
	{ "application/vnd.lotus-screencam", 0 },
	{ "application/vnd.lotus-wordpro", 0 },
	{ "application/vnd.macports.portpkg", 0 },
	{ "application/vnd.mapbox-vector-tile", 0 },
	{ "application/vnd.marlin.drm.actiontoken+xml", 0 },
	{ "application/vnd.marlin.drm.conftoken+xml", 0 },
	{ "application/vnd.marlin.drm.license+xml", 0 },
	{ "application/vnd.marlin.drm.mdcf", 0 },
	{ "application/vnd.mason+json", 0 },
	{ "application/vnd.maxmind.maxmind-db", 0 },
	{ "application/vnd.mcd", 0 },
	{ "application/vnd.medcalcdata", 0 },
	{ "application/vnd.mediastation.cdkey", 0 },
	{ "application/vnd.meridian-slingshot", 0 },
	{ "application/vnd.mfer", 0 },
	{ "application/vnd.mfmp", 0 },
	{ "application/vnd.micro+json", 0 },
	{ "application/vnd.micrografx-igx", 0 },
	{ "application/vnd.micrografx.flo", 0 },
	{ "application/vnd.microsoft.portable-executable", 0 },
	{ "application/vnd.miele+json", 0 },
	{ "application/vnd.minisoft-hp3000-save", 0 },
	{ "application/vnd.mitsubishi.misty-guard.trustweb", 0 },
	{ "application/vnd.mobius.daf", 0 },
	{ "application/vnd.mobius.dis", 0 },
	{ "application/vnd.mobius.mbk", 0 },
	{ "application/vnd.mobius.mqy", 0 },
	{ "application/vnd.mobius.msl", 0 },
	{ "application/vnd.mobius.plc", 0 },
	{ "application/vnd.mobius.txf", 0 },
	{ "application/vnd.mophun.application", 0 },
	{ "application/vnd.mophun.certificate", 0 },
	{ "application/vnd.motorola.flexsuite", 0 },
	{ "application/vnd.motorola.flexsuite.adsi", 0 },
	{ "application/vnd.motorola.flexsuite.fis", 0 },
	{ "application/vnd.motorola.flexsuite.gotap", 0 },
	{ "application/vnd.motorola.flexsuite.kmr", 0 },
	{ "application/vnd.motorola.flexsuite.ttc", 0 },
	{ "application/vnd.motorola.flexsuite.wem", 0 },
	{ "application/vnd.motorola.iprm", 0 },
	{ "application/vnd.mozilla.xul+xml", 0 },
	{ "application/vnd.ms-3mfdocument", 0 },
	{ "application/vnd.ms-artgalry", 0 },
	{ "application/vnd.ms-asf", 0 },
	{ "application/vnd.ms-cab-compressed", 0 },
	{ "application/vnd.ms-excel", 0 },
	{ "application/vnd.ms-excel.addin.macroenabled.12", 0 },
	{ "application/vnd.ms-excel.sheet.binary.macroenabled.12", 0 },
	{ "application/vnd.ms-excel.sheet.macroenabled.12", 0 },
	{ "application/vnd.ms-excel.template.macroenabled.12", 0 },
	{ "application/vnd.ms-fontobject", 0 },
	{ "application/vnd.ms-htmlhelp", 0 },
	{ "application/vnd.ms-ims", 0 },
	{ "application/vnd.ms-lrm", 0 },
	{ "application/vnd.ms-office.activex+xml", 0 },
	{ "application/vnd.ms-officetheme", 0 },
	{ "application/vnd.ms-playready.initiator+xml", 0 },
	{ "application/vnd.ms-powerpoint", 0 },
	{ "application/vnd.ms-powerpoint.addin.macroenabled.12", 0 },
	{ "application/vnd.ms-powerpoint.presentation.macroenabled.12", 0 },
	{ "application/vnd.ms-powerpoint.slide.macroenabled.12", 0 },
	{ "application/vnd.ms-powerpoint.slideshow.macroenabled.12", 0 },
	{ "application/vnd.ms-powerpoint.template.macroenabled.12", 0 },
	{ "application/vnd.ms-printdevicecapabilities+xml", 0 },
	{ "application/vnd.ms-project", 0 },
	{ "application/vnd.ms-tnef", 0 },
	{ "application/vnd.ms-windows.devicepairing", 0 },
	{ "application/vnd.ms-windows.nwprinting.oob", 0 },
	{ "application/vnd.ms-windows.printerpairing", 0 },
	{ "application/vnd.ms-windows.wsd.oob", 0 },
	{ "application/vnd.ms-wmdrm.lic-chlg-req", 0 },
	{ "application/vnd.ms-wmdrm.lic-resp", 0 },
	{ "application/vnd.ms-wmdrm.meter-chlg-req", 0 },
	{ "application/vnd.ms-wmdrm.meter-resp", 0 },
	{ "application/vnd.ms-word.document.macroenabled.12", 0 },
	{ "application/vnd.ms-word.template.macroenabled.12", 0 },
	{ "application/vnd.ms-works", 0 },
	{ "application/vnd.ms-wpl", 0 },
	{ "application/vnd.ms-xpsdocument", 0 },
	{ "application/vnd.msa-disk-image", 0 },
	{ "application/vnd.mseq", 0 },
	{ "application/vnd.msign", 0 },
	{ "application/vnd.multiad.creator", 0 },
	{ "application/vnd.multiad.creator.cif", 0 },
	{ "application/vnd.music-niff", 0 },
	{ "application/vnd.musician", 0 },
	{ "application/vnd.muvee.style", 0 },
	{ "application/vnd.mynfc", 0 },
	{ "application/vnd.ncd.control", 0 },
	{ "application/vnd.ncd.reference", 0 },
	{ "application/vnd.nervana", 0 },
	{ "application/vnd.netfpx", 0 },
	{ "application/vnd.neurolanguage.nlu", 0 },
	{ "application/vnd.nintendo.nitro.rom", 0 },
	{ "application/vnd.nintendo.snes.rom", 0 },
	{ "application/vnd.nitf", 0 },
	{ "application/vnd.noblenet-directory", 0 },
	{ "application/vnd.noblenet-sealer", 0 },
	{ "application/vnd.noblenet-web", 0 },
	{ "application/vnd.nokia.catalogs", 0 },
	{ "application/vnd.nokia.conml+wbxml", 0 },
	{ "application/vnd.nokia.conml+xml", 0 },
	{ "application/vnd.nokia.iptv.config+xml", 0 },
	{ "application/vnd.nokia.isds-radio-presets", 0 },
	{ "application/vnd.nokia.landmark+wbxml", 0 },
	{ "application/vnd.nokia.landmark+xml", 0 },
	{ "application/vnd.nokia.landmarkcollection+xml", 0 },
	{ "application/vnd.nokia.n-gage.ac+xml", 0 },
	{ "application/vnd.nokia.n-gage.data", 0 },
	{ "application/vnd.nokia.n-gage.symbian.install", 0 },
	{ "application/vnd.nokia.ncd", 0 },
	{ "application/vnd.nokia.pcd+wbxml", 0 },
	{ "application/vnd.nokia.pcd+xml", 0 },
	{ "application/vnd.nokia.radio-preset", 0 },
	{ "application/vnd.nokia.radio-presets", 0 },
	{ "application/vnd.novadigm.edm", 0 },
	{ "application/vnd.novadigm.edx", 0 },
	{ "application/vnd.novadigm.ext", 0 },
	{ "application/vnd.ntt-local.content-share", 0 },
	{ "application/vnd.ntt-local.file-transfer", 0 },
	{ "application/vnd.ntt-local.ogw_remote-access", 0 },
	{ "application/vnd.ntt-local.sip-ta_remote", 0 },
	{ "application/vnd.ntt-local.sip-ta_tcp_stream", 0 },
	{ "application/vnd.oasis.opendocument.chart", 0 },
	{ "application/vnd.oasis.opendocument.chart-template", 0 },
	{ "application/vnd.oasis.opendocument.database", 0 },
	{ "application/vnd.oasis.opendocument.formula", 0 },
	{ "application/vnd.oasis.opendocument.formula-template", 0 },
	{ "application/vnd.oasis.opendocument.graphics", 0 },
	{ "application/vnd.oasis.opendocument.graphics-template", 0 },
	{ "application/vnd.oasis.opendocument.image", 0 },
	{ "application/vnd.oasis.opendocument.image-template", 0 },
	{ "application/vnd.oasis.opendocument.presentation", 0 },
	{ "application/vnd.oasis.opendocument.presentation-template", 0 },
	{ "application/vnd.oasis.opendocument.spreadsheet", 0 },
	{ "application/vnd.oasis.opendocument.spreadsheet-template", 0 },
	{ "application/vnd.oasis.opendocument.text", 0 },
	{ "application/vnd.oasis.opendocument.text-master", 0 },
	{ "application/vnd.oasis.opendocument.text-template", 0 },
	{ "application/vnd.oasis.opendocument.text-web", 0 },
	{ "application/vnd.obn", 0 },
	{ "application/vnd.oftn.l10n+json", 0 },
	{ "application/vnd.oipf.contentaccessdownload+xml", 0 },
	{ "application/vnd.oipf.contentaccessstreaming+xml", 0 },
	{ "application/vnd.oipf.cspg-hexbinary", 0 },
	{ "application/vnd.oipf.dae.svg+xml", 0 },
	{ "application/vnd.oipf.dae.xhtml+xml", 0 },
	{ "application/vnd.oipf.mippvcontrolmessage+xml", 0 },
	{ "application/vnd.oipf.pae.gem", 0 },
	{ "application/vnd.oipf.spdiscovery+xml", 0 },
	{ "application/vnd.oipf.spdlist+xml", 0 },
	{ "application/vnd.oipf.ueprofile+xml", 0 },
	{ "application/vnd.oipf.userprofile+xml", 0 },
	{ "application/vnd.olpc-sugar", 0 },
	{ "application/vnd.oma-scws-config", 0 },
	{ "application/vnd.oma-scws-http-request", 0 },
	{ "application/vnd.oma-scws-http-response", 0 },
	{ "application/vnd.oma.bcast.associated-procedure-parameter+xml", 0 },
	{ "application/vnd.oma.bcast.drm-trigger+xml", 0 },
	{ "application/vnd.oma.bcast.imd+xml", 0 },
	{ "application/vnd.oma.bcast.ltkm", 0 },
	{ "application/vnd.oma.bcast.notification+xml", 0 },
	{ "application/vnd.oma.bcast.provisioningtrigger", 0 },
	{ "application/vnd.oma.bcast.sgboot", 0 },
	{ "application/vnd.oma.bcast.sgdd+xml", 0 },
	{ "application/vnd.oma.bcast.sgdu", 0 },
	{ "application/vnd.oma.bcast.simple-symbol-container", 0 },
	{ "application/vnd.oma.bcast.smartcard-trigger+xml", 0 },
	{ "application/vnd.oma.bcast.sprov+xml", 0 },
	{ "application/vnd.oma.bcast.stkm", 0 },
	{ "application/vnd.oma.cab-address-book+xml", 0 },
	{ "application/vnd.oma.cab-feature-handler+xml", 0 },
	{ "application/vnd.oma.cab-pcc+xml", 0 },
	{ "application/vnd.oma.cab-subs-invite+xml", 0 },
	{ "application/vnd.oma.cab-user-prefs+xml", 0 },
	{ "application/vnd.oma.dcd", 0 },
	{ "application/vnd.oma.dcdc", 0 },
	{ "application/vnd.oma.dd2+xml", 0 },
	{ "application/vnd.oma.drm.risd+xml", 0 },
	{ "application/vnd.oma.group-usage-list+xml", 0 },
	{ "application/vnd.oma.pal+xml", 0 },
	{ "application/vnd.oma.poc.detailed-progress-report+xml", 0 },
	{ "application/vnd.oma.poc.final-report+xml", 0 },
	{ "application/vnd.oma.poc.groups+xml", 0 },
	{ "application/vnd.oma.poc.invocation-descriptor+xml", 0 },
	{ "application/vnd.oma.poc.optimized-progress-report+xml", 0 },
	{ "application/vnd.oma.push", 0 },
	{ "application/vnd.oma.scidm.messages+xml", 0 },
	{ "application/vnd.oma.xcap-directory+xml", 0 },
	{ "application/vnd.omads-email+xml", 0 },
	{ "application/vnd.omads-file+xml", 0 },
	{ "application/vnd.omads-folder+xml", 0 },
	{ "application/vnd.omaloc-supl-init", 0 },
	{ "application/vnd.openblox.game+xml", 0 },
	{ "application/vnd.openblox.game-binary", 0 },
	{ "application/vnd.openeye.oeb", 0 },
	{ "application/vnd.openxmlformats-officedocument.custom-properties+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.customxmlproperties+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawing+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.diagramcolors+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.diagramdata+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.diagramlayout+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.drawingml.diagramstyle+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.extended-properties+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml-template", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.commentauthors+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.comments+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.handoutmaster+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.notesmaster+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.notesslide+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.presentation", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.presprops+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slide", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slide+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slidelayout+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slidemaster+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slideshow", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.slideupdateinfo+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.tablestyles+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.tags+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.presentationml.viewprops+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml-template", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.calcchain+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.dialogsheet+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.externallink+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotcachedefinition+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotcacherecords+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.pivottable+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.querytable+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.revisionheaders+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.revisionlog+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedstrings+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetmetadata+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.tablesinglecells+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.usernames+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.volatiledependencies+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.theme+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.themeoverride+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.vmldrawing", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml-template", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.fonttable+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml", 0 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.websettings+xml", 0 },
	{ "application/vnd.openxmlformats-package.core-properties+xml", 0 },
	{ "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml", 0 },
	{ "application/vnd.openxmlformats-package.relationships+xml", 0 },
	{ "application/vnd.oracle.resource+json", 0 },
	{ "application/vnd.orange.indata", 0 },
	{ "application/vnd.osa.netdeploy", 0 },
	{ "application/vnd.osgeo.mapguide.package", 0 },
	{ "application/vnd.osgi.bundle", 0 },
	{ "application/vnd.osgi.dp", 0 },
	{ "application/vnd.osgi.subsystem", 0 },
	{ "application/vnd.otps.ct-kip+xml", 0 },
	{ "application/vnd.oxli.countgraph", 0 },
	{ "application/vnd.pagerduty+json", 0 },
	{ "application/vnd.palm", 0 },
	{ "application/vnd.panoply", 0 },
	{ "application/vnd.paos+xml", 0 },
	{ "application/vnd.pawaafile", 0 },
	{ "application/vnd.pcos", 0 },
	{ "application/vnd.pg.format", 0 },
	{ "application/vnd.pg.osasli", 0 },
	{ "application/vnd.piaccess.application-licence", 0 },
	{ "application/vnd.picsel", 0 },
	{ "application/vnd.pmi.widget", 0 },
	{ "application/vnd.poc.group-advertisement+xml", 0 },
	{ "application/vnd.pocketlearn", 0 },
	{ "application/vnd.powerbuilder6", 0 },
	{ "application/vnd.powerbuilder6-s", 0 },
	{ "application/vnd.powerbuilder7", 0 },
	{ "application/vnd.powerbuilder7-s", 0 },
	{ "application/vnd.powerbuilder75", 0 },
	{ "application/vnd.powerbuilder75-s", 0 },
	{ "application/vnd.preminet", 0 },
	{ "application/vnd.previewsystems.box", 0 },
	{ "application/vnd.proteus.magazine", 0 },
	{ "application/vnd.publishare-delta-tree", 0 },
	{ "application/vnd.pvi.ptid1", 0 },
	{ "application/vnd.pwg-multiplexed", 0 },
	{ "application/vnd.pwg-xhtml-print+xml", 0 },
	{ "application/vnd.qualcomm.brew-app-res", 0 },
	{ "application/vnd.quark.quarkxpress", 0 },
	{ "application/vnd.quobject-quoxdocument", 0 },
	{ "application/vnd.radisys.moml+xml", 0 },
	{ "application/vnd.radisys.msml+xml", 0 },
	{ "application/vnd.radisys.msml-audit+xml", 0 },
	{ "application/vnd.radisys.msml-audit-conf+xml", 0 },
	{ "application/vnd.radisys.msml-audit-conn+xml", 0 },
	{ "application/vnd.radisys.msml-audit-dialog+xml", 0 },
	{ "application/vnd.radisys.msml-audit-stream+xml", 0 },
	{ "application/vnd.radisys.msml-conf+xml", 0 },
	{ "application/vnd.radisys.msml-dialog+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-base+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-fax-detect+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-fax-sendrecv+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-group+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-speech+xml", 0 },
	{ "application/vnd.radisys.msml-dialog-transform+xml", 0 },
	{ "application/vnd.rainstor.data", 0 },
	{ "application/vnd.rapid", 0 },
	{ "application/vnd.realvnc.bed", 0 },
	{ "application/vnd.recordare.musicxml", 0 },
	{ "application/vnd.recordare.musicxml+xml", 0 },
	{ "application/vnd.renlearn.rlprint", 0 },
	{ "application/vnd.rig.cryptonote", 0 },
	{ "application/vnd.route66.link66+xml", 0 },
	{ "application/vnd.rs-274x", 0 },
	{ "application/vnd.ruckus.download", 0 },
	{ "application/vnd.s3sms", 0 },
	{ "application/vnd.sailingtracker.track", 0 },
	{ "application/vnd.sbm.cid", 0 },
	{ "application/vnd.sbm.mid2", 0 },
	{ "application/vnd.scribus", 0 },
	{ "application/vnd.sealed-doc", 0 },
	{ "application/vnd.sealed-eml", 0 },
	{ "application/vnd.sealed-mht", 0 },
	{ "application/vnd.sealed-ppt", 0 },
	{ "application/vnd.sealed-tiff", 0 },
	{ "application/vnd.sealed-xls", 0 },
	{ "application/vnd.sealed.3df", 0 },
	{ "application/vnd.sealed.csf", 0 },
	{ "application/vnd.sealed.net", 0 },
	{ "application/vnd.sealedmedia.softseal-html", 0 },
	{ "application/vnd.sealedmedia.softseal-pdf", 0 },
	{ "application/vnd.seemail", 0 },
	{ "application/vnd.semd", 0 },
	{ "application/vnd.semf", 0 },
	{ "application/vnd.shana.informed.formdata", 0 },
	{ "application/vnd.shana.informed.formtemplate", 0 },
	{ "application/vnd.shana.informed.interchange", 0 },
	{ "application/vnd.shana.informed.package", 0 },
	{ "application/vnd.simtech-mindmapper", 0 },
	{ "application/vnd.siren+json", 0 },
	{ "application/vnd.smaf", 0 },
	{ "application/vnd.smart.notebook", 0 },
	{ "application/vnd.smart.teacher", 0 },
	{ "application/vnd.software602.filler.form+xml", 0 },
	{ "application/vnd.software602.filler.form-xml-zip", 0 },
	{ "application/vnd.solent.sdkm+xml", 0 },
	{ "application/vnd.spotfire.dxp", 0 },
	{ "application/vnd.spotfire.sfs", 0 },
	{ "application/vnd.sss-cod", 0 },
	{ "application/vnd.sss-dtf", 0 },
	{ "application/vnd.sss-ntf", 0 },
	{ "application/vnd.stepmania.package", 0 },
	{ "application/vnd.stepmania.stepchart", 0 },
	{ "application/vnd.street-stream", 0 },
	{ "application/vnd.sun.wadl+xml", 0 },
	{ "application/vnd.sus-calendar", 0 },
	{ "application/vnd.svd", 0 },
	{ "application/vnd.swiftview-ics", 0 },
	{ "application/vnd.syncml+xml", 0 },
	{ "application/vnd.syncml.dm+wbxml", 0 },
	{ "application/vnd.syncml.dm+xml", 0 },
	{ "application/vnd.syncml.dm.notification", 0 },
	{ "application/vnd.syncml.dmddf+wbxml", 0 },
	{ "application/vnd.syncml.dmddf+xml", 0 },
	{ "application/vnd.syncml.dmtnds+wbxml", 0 },
	{ "application/vnd.syncml.dmtnds+xml", 0 },
	{ "application/vnd.syncml.ds.notification", 0 },
	{ "application/vnd.tao.intent-module-archive", 0 },
	{ "application/vnd.tcpdump.pcap", 0 },
	{ "application/vnd.tmd.mediaflex.api+xml", 0 },
	{ "application/vnd.tml", 0 },
	{ "application/vnd.tmobile-livetv", 0 },
	{ "application/vnd.trid.tpt", 0 },
	{ "application/vnd.triscape.mxs", 0 },
	{ "application/vnd.trueapp", 0 },
	{ "application/vnd.truedoc", 0 },
	{ "application/vnd.ubisoft.webplayer", 0 },
	{ "application/vnd.ufdl", 0 },
	{ "application/vnd.uiq.theme", 0 },
	{ "application/vnd.umajin", 0 },
	{ "application/vnd.unity", 0 },
	{ "application/vnd.uoml+xml", 0 },
	{ "application/vnd.uplanet.alert", 0 },
	{ "application/vnd.uplanet.alert-wbxml", 0 },
	{ "application/vnd.uplanet.bearer-choice", 0 },
	{ "application/vnd.uplanet.bearer-choice-wbxml", 0 },
	{ "application/vnd.uplanet.cacheop", 0 },
	{ "application/vnd.uplanet.cacheop-wbxml", 0 },
	{ "application/vnd.uplanet.channel", 0 },
	{ "application/vnd.uplanet.channel-wbxml", 0 },
	{ "application/vnd.uplanet.list", 0 },
	{ "application/vnd.uplanet.list-wbxml", 0 },
	{ "application/vnd.uplanet.listcmd", 0 },
	{ "application/vnd.uplanet.listcmd-wbxml", 0 },
	{ "application/vnd.uplanet.signal", 0 },
	{ "application/vnd.uri-map", 0 },
	{ "application/vnd.valve.source.material", 0 },
	{ "application/vnd.vcx", 0 },
	{ "application/vnd.vd-study", 0 },
	{ "application/vnd.vectorworks", 0 },
	{ "application/vnd.verimatrix.vcas", 0 },
	{ "application/vnd.vidsoft.vidconference", 0 },
	{ "application/vnd.visio", 0 },
	{ "application/vnd.visionary", 0 },
	{ "application/vnd.vividence.scriptfile", 0 },
	{ "application/vnd.vsf", 0 },
	{ "application/vnd.wap-slc", 0 },
	{ "application/vnd.wap-wbxml", 0 },
	{ "application/vnd.wap.sic", 0 },
	{ "application/vnd.wap.wmlscriptc", 0 },
	{ "application/vnd.webturbo", 0 },
	{ "application/vnd.wfa.p2p", 0 },
	{ "application/vnd.wfa.wsc", 0 },
	{ "application/vnd.windows.devicepairing", 0 },
	{ "application/vnd.wmc", 0 },
	{ "application/vnd.wmf.bootstrap", 0 },
	{ "application/vnd.wolfram.mathematica", 0 },
	{ "application/vnd.wolfram.mathematica.package", 0 },
	{ "application/vnd.wolfram.player", 0 },
	{ "application/vnd.wordperfect", 0 },
	{ "application/vnd.wqd", 0 },
	{ "application/vnd.wrq-hp3000-labelled", 0 },
	{ "application/vnd.wt.stf", 0 },
	{ "application/vnd.wv.csp+wbxml", 0 },
	{ "application/vnd.wv.csp+xml", 0 },
	{ "application/vnd.wv.ssp+xml", 0 },
	{ "application/vnd.xacml+json", 0 },
	{ "application/vnd.xara", 0 },
	{ "application/vnd.xfdl", 0 },
	{ "application/vnd.xfdl.webform", 0 },
	{ "application/vnd.xmi+xml", 0 },
	{ "application/vnd.xmpie.cpkg", 0 },
	{ "application/vnd.xmpie.dpkg", 0 },
	{ "application/vnd.xmpie.plan", 0 },
	{ "application/vnd.xmpie.ppkg", 0 },
	{ "application/vnd.xmpie.xlim", 0 },
	{ "application/vnd.yamaha.hv-dic", 0 },
	{ "application/vnd.yamaha.hv-script", 0 },
	{ "application/vnd.yamaha.hv-voice", 0 },
	{ "application/vnd.yamaha.openscoreformat", 0 },
	{ "application/vnd.yamaha.openscoreformat.osfpvg+xml", 0 },
	{ "application/vnd.yamaha.remote-setup", 0 },
	{ "application/vnd.yamaha.smaf-audio", 0 },
	{ "application/vnd.yamaha.smaf-phrase", 0 },
	{ "application/vnd.yamaha.through-ngn", 0 },
	{ "application/vnd.yamaha.tunnel-udpencap", 0 },
	{ "application/vnd.yaoweme", 0 },
	{ "application/vnd.yellowriver-custom-menu", 0 },
	{ "application/vnd.zul", 0 },
	{ "application/vnd.zzazz.deck+xml", 0 },
	{ "application/voicexml+xml", 0 },
	{ "application/vq-rtcpxr", 0 },
	{ "application/watcherinfo+xml", 0 },
	{ "application/whoispp-query", 0 },
	{ "application/whoispp-response", 0 },
	{ "application/wita", 0 },
	{ "application/wordperfect5.1", 0 },
	{ "application/wsdl+xml", 0 },
	{ "application/wspolicy+xml", 0 },
	{ "application/x-msdownload", 0 },
	{ "application/x-pkcs12", 0 },
	{ "application/x-tar", 0 },
	{ "application/x-www-form-urlencoded", 0 },
	{ "application/x-x509-ca-cert", 0 },
	{ "application/x-zip-compressed", 0 },
	{ "application/x400-bp", 0 },
	{ "application/xacml+xml", 0 },
	{ "application/xcap-att+xml", 0 },
	{ "application/xcap-caps+xml", 0 },
	{ "application/xcap-diff+xml", 0 },
	{ "application/xcap-el+xml", 0 },
	{ "application/xcap-error+xml", 0 },
	{ "application/xcap-ns+xml", 0 },
	{ "application/xcon-conference-info+xml", 0 },
	{ "application/xcon-conference-info-diff+xml", 0 },
	{ "application/xenc+xml", 0 },
	{ "application/xhtml+xml", 0 },
	{ "application/xml", 0 },
	{ "application/xml-dtd", 0 },
	{ "application/xml-external-parsed-entity", 0 },
	{ "application/xml-patch+xml", 0 },
	{ "application/xmpp+xml", 0 },
	{ "application/xop+xml", 0 },
	{ "application/xv+xml", 0 },
	{ "application/yang", 0 },
	{ "application/yin+xml", 0 },
	{ "application/zip", 0 },
	{ "application/zlib", 0 },
	{ "audio/1d-interleaved-parityfec", 0 },
	{ "audio/32kadpcm", 0 },
	{ "audio/3gpp", 0 },
	{ "audio/3gpp2", 0 },
	{ "audio/ac3", 0 },
	{ "audio/amr", 0 },
	{ "audio/amr-wb", 0 },
	{ "audio/amr-wb+", 0 },
	{ "audio/aptx", 0 },
	{ "audio/asc", 0 },
	{ "audio/atrac-advanced-lossless", 0 },
	{ "audio/atrac-x", 0 },
	{ "audio/atrac3", 0 },
	{ "audio/basic", 0 },
	{ "audio/bv16", 0 },
	{ "audio/bv32", 0 },
	{ "audio/clearmode", 0 },
	{ "audio/cn", 0 },
	{ "audio/dat12", 0 },
	{ "audio/dls", 0 },
	{ "audio/dsr-es201108", 0 },
	{ "audio/dsr-es202050", 0 },
	{ "audio/dsr-es202211", 0 },
	{ "audio/dsr-es202212", 0 },
	{ "audio/dv", 0 },
	{ "audio/dvi4", 0 },
	{ "audio/eac3", 0 },
	{ "audio/encaprtp", 0 },
	{ "audio/evrc", 0 },
	{ "audio/evrc-qcp", 0 },
	{ "audio/evrc0", 0 },
	{ "audio/evrc1", 0 },
	{ "audio/evrcb", 0 },
	{ "audio/evrcb0", 0 },
	{ "audio/evrcb1", 0 },
	{ "audio/evrcnw", 0 },
	{ "audio/evrcnw0", 0 },
	{ "audio/evrcnw1", 0 },
	{ "audio/evrcwb", 0 },
	{ "audio/evrcwb0", 0 },
	{ "audio/evrcwb1", 0 },
	{ "audio/evs", 0 },
	{ "audio/example", 0 },
	{ "audio/fwdred", 0 },
	{ "audio/g711-0", 0 },
	{ "audio/g719", 0 },
	{ "audio/g722", 0 },
	{ "audio/g7221", 0 },
	{ "audio/g723", 0 },
	{ "audio/g726-16", 0 },
	{ "audio/g726-24", 0 },
	{ "audio/g726-32", 0 },
	{ "audio/g726-40", 0 },
	{ "audio/g728", 0 },
	{ "audio/g729", 0 },
	{ "audio/g729d", 0 },
	{ "audio/g729e", 0 },
	{ "audio/gsm", 0 },
	{ "audio/gsm-efr", 0 },
	{ "audio/gsm-hr-08", 0 },
	{ "audio/ilbc", 0 },
	{ "audio/ip-mr_v2.5", 0 },
	{ "audio/l16", 0 },
	{ "audio/l20", 0 },
	{ "audio/l24", 0 },
	{ "audio/l8", 0 },
	{ "audio/lpc", 0 },
	{ "audio/mobile-xmf", 0 },
	{ "audio/mp4", 0 },
	{ "audio/mp4a-latm", 0 },
	{ "audio/mpa", 0 },
	{ "audio/mpa-robust", 0 },
	{ "audio/mpeg", 0 },
	{ "audio/mpeg4-generic", 0 },
	{ "audio/ogg", 0 },
	{ "audio/opus", 0 },
	{ "audio/pcma", 0 },
	{ "audio/pcma-wb", 0 },
	{ "audio/pcmu", 0 },
	{ "audio/pcmu-wb", 0 },
	{ "audio/prs.sid", 0 },
	{ "audio/qcelp", 0 },
	{ "audio/raptorfec", 0 },
	{ "audio/red", 0 },
	{ "audio/rtp-enc-aescm128", 0 },
	{ "audio/rtp-midi", 0 },
	{ "audio/rtploopback", 0 },
	{ "audio/rtx", 0 },
	{ "audio/smv", 0 },
	{ "audio/smv-qcp", 0 },
	{ "audio/smv0", 0 },
	{ "audio/sp-midi", 0 },
	{ "audio/speex", 0 },
	{ "audio/t140c", 0 },
	{ "audio/t38", 0 },
	{ "audio/telephone-event", 0 },
	{ "audio/tone", 0 },
	{ "audio/uemclip", 0 },
	{ "audio/ulpfec", 0 },
	{ "audio/vdvi", 0 },
	{ "audio/vmr-wb", 0 },
	{ "audio/vnd.3gpp.iufp", 0 },
	{ "audio/vnd.4sb", 0 },
	{ "audio/vnd.audiokoz", 0 },
	{ "audio/vnd.celp", 0 },
	{ "audio/vnd.cisco.nse", 0 },
	{ "audio/vnd.cmles.radio-events", 0 },
	{ "audio/vnd.cns.anp1", 0 },
	{ "audio/vnd.cns.inf1", 0 },
	{ "audio/vnd.dece.audio", 0 },
	{ "audio/vnd.digital-winds", 0 },
	{ "audio/vnd.dlna.adts", 0 },
	{ "audio/vnd.dolby.heaac.1", 0 },
	{ "audio/vnd.dolby.heaac.2", 0 },
	{ "audio/vnd.dolby.mlp", 0 },
	{ "audio/vnd.dolby.mps", 0 },
	{ "audio/vnd.dolby.pl2", 0 },
	{ "audio/vnd.dolby.pl2x", 0 },
	{ "audio/vnd.dolby.pl2z", 0 },
	{ "audio/vnd.dolby.pulse.1", 0 },
	{ "audio/vnd.dra", 0 },
	{ "audio/vnd.dts", 0 },
	{ "audio/vnd.dts.hd", 0 },
	{ "audio/vnd.dvb.file", 0 },
	{ "audio/vnd.everad.plj", 0 },
	{ "audio/vnd.hns.audio", 0 },
	{ "audio/vnd.lucent.voice", 0 },
	{ "audio/vnd.ms-playready.media.pya", 0 },
	{ "audio/vnd.nokia.mobile-xmf", 0 },
	{ "audio/vnd.nortel.vbk", 0 },
	{ "audio/vnd.nuera.ecelp4800", 0 },
	{ "audio/vnd.nuera.ecelp7470", 0 },
	{ "audio/vnd.nuera.ecelp9600", 0 },
	{ "audio/vnd.octel.sbc", 0 },
	{ "audio/vnd.rhetorex.32kadpcm", 0 },
	{ "audio/vnd.rip", 0 },
	{ "audio/vnd.sealedmedia.softseal-mpeg", 0 },
	{ "audio/vnd.vmx.cvsd", 0 },
	{ "audio/vorbis", 0 },
	{ "audio/vorbis-config", 0 },
	{ "image/bmp", 0 },
	{ "image/cgm", 0 },
	{ "image/example", 0 },
	{ "image/fits", 0 },
	{ "image/g3fax", 0 },
	{ "image/gif", 0 },
	{ "image/jp2", 0 },
	{ "image/jpeg", 0 },
	{ "image/jpm", 0 },
	{ "image/jpx", 0 },
	{ "image/naplps", 0 },
	{ "image/png", 0 },
	{ "image/prs.btif", 0 },
	{ "image/prs.pti", 0 },
	{ "image/pwg-raster", 0 },
	{ "image/t38", 0 },
	{ "image/tiff", 0 },
	{ "image/tiff-fx", 0 },
	{ "image/vnd-djvu", 0 },
	{ "image/vnd-svf", 0 },
	{ "image/vnd-wap-wbmp", 0 },
	{ "image/vnd.adobe.photoshop", 0 },
	{ "image/vnd.airzip.accelerator.azv", 0 },
	{ "image/vnd.cns.inf2", 0 },
	{ "image/vnd.dece.graphic", 0 },
	{ "image/vnd.dvb.subtitle", 0 },
	{ "image/vnd.dwg", 0 },
	{ "image/vnd.dxf", 0 },
	{ "image/vnd.fastbidsheet", 0 },
	{ "image/vnd.fpx", 0 },
	{ "image/vnd.fst", 0 },
	{ "image/vnd.fujixerox.edmics-mmr", 0 },
	{ "image/vnd.fujixerox.edmics-rlc", 0 },
	{ "image/vnd.globalgraphics.pgb", 0 },
	{ "image/vnd.microsoft.icon", 0 },
	{ "image/vnd.mix", 0 },
	{ "image/vnd.mozilla.apng", 0 },
	{ "image/vnd.ms-modi", 0 },
	{ "image/vnd.net-fpx", 0 },
	{ "image/vnd.radiance", 0 },
	{ "image/vnd.sealed-png", 0 },
	{ "image/vnd.sealedmedia.softseal-gif", 0 },
	{ "image/vnd.sealedmedia.softseal-jpg", 0 },
	{ "image/vnd.tencent.tap", 0 },
	{ "image/vnd.valve.source.texture", 0 },
	{ "image/vnd.xiff", 0 },
	{ "image/vnd.zbrush.pcx", 0 },
	{ "image/wmf", 0 },
	{ "image/x-wmf", 0 },
	{ "message/cpim", 0 },
	{ "message/delivery-status", 0 },
	{ "message/disposition-notification", 0 },
	{ "message/example", 0 },
	{ "message/feedback-report", 0 },
	{ "message/global", 0 },
	{ "message/global-delivery-status", 0 },
	{ "message/global-disposition-notification", 0 },
	{ "message/global-headers", 0 },
	{ "message/http", 0 },
	{ "message/imdn+xml", 0 },
	{ "message/news", 0 },
	{ "message/rfc822", 0 },
	{ "message/rfc822-headers", 0 },
	{ "message/s-http", 0 },
	{ "message/sip", 0 },
	{ "message/sipfrag", 0 },
	{ "message/tracking-status", 0 },
	{ "message/vnd.si.simp", 0 },
	{ "message/vnd.wfa.wsc", 0 },
	{ "model/example", 0 },
	{ "model/iges", 0 },
	{ "model/vnd-dwf", 0 },
	{ "model/vnd.collada+xml", 0 },
	{ "model/vnd.flatland.3dml", 0 },
	{ "model/vnd.gdl", 0 },
	{ "model/vnd.gs-gdl", 0 },
	{ "model/vnd.gtw", 0 },
	{ "model/vnd.moml+xml", 0 },
	{ "model/vnd.mts", 0 },
	{ "model/vnd.opengex", 0 },
	{ "model/vnd.parasolid.transmit-binary", 0 },
	{ "model/vnd.parasolid.transmit-text", 0 },
	{ "model/vnd.valve.source.compiled-map", 0 },
	{ "model/vnd.vtu", 0 },
	{ "model/x3d+fastinfoset", 0 },
	{ "model/x3d+xml", 0 },
	{ "model/x3d-vrml", 0 },
	{ "multipart/alternative", -1 },
	{ "multipart/appledouble", 2 },
	{ "multipart/byteranges", 2 },
	{ "multipart/encrypted", -2 },
	{ "multipart/example", 2 },
	{ "multipart/form-data", 2 },
	{ "multipart/header-set", 2 },
	{ "multipart/mixed", -1 },
	{ "multipart/related", -1 },
	{ "multipart/report", 0 },
	{ "multipart/signed", -2 },
	{ "multipart/voice-message", 2 },
	{ "multipart/x-mixed-replace", 2 },
	{ "text/1d-interleaved-parityfec", 0 },
	{ "text/cache-manifest", 0 },
	{ "text/calendar", 0 },
	{ "text/css", 0 },
	{ "text/csv", 0 },
	{ "text/csv-schema", 0 },
	{ "text/directory", 0 },
	{ "text/dns", 0 },
	{ "text/encaprtp", 0 },
	{ "text/example", 0 },
	{ "text/fwdred", 0 },
	{ "text/grammar-ref-list", 0 },
	{ "text/html", 0 },
	{ "text/jcr-cnd", 0 },
	{ "text/markdown", 0 },
	{ "text/mizar", 0 },
	{ "text/n3", 0 },
	{ "text/parameters", 0 },
	{ "text/plain", -1 },
	{ "text/provenance-notation", 0 },
	{ "text/prs.fallenstein.rst", 0 },
	{ "text/prs.lines.tag", 0 },
	{ "text/raptorfec", 0 },
	{ "text/red", 0 },
	{ "text/rfc822-headers", 0 },
	{ "text/rtf", 0 },
	{ "text/rtp-enc-aescm128", 0 },
	{ "text/rtploopback", 0 },
	{ "text/rtx", 0 },
	{ "text/sgml", 0 },
	{ "text/t140", 0 },
	{ "text/tab-separated-values", 0 },
	{ "text/troff", 0 },
	{ "text/turtle", 0 },
	{ "text/ulpfec", 0 },
	{ "text/uri-list", 0 },
	{ "text/vcard", 0 },
	{ "text/vnd-a", 0 },
	{ "text/vnd-curl", 0 },
	{ "text/vnd.abc", 0 },
	{ "text/vnd.debian.copyright", 0 },
	{ "text/vnd.dmclientscript", 0 },
	{ "text/vnd.dvb.subtitle", 0 },
	{ "text/vnd.esmertec.theme-descriptor", 0 },
	{ "text/vnd.fly", 0 },
	{ "text/vnd.fmi.flexstor", 0 },
	{ "text/vnd.graphviz", 0 },
	{ "text/vnd.in3d.3dml", 0 },
	{ "text/vnd.in3d.spot", 0 },
	{ "text/vnd.iptc.newsml", 0 },
	{ "text/vnd.iptc.nitf", 0 },
	{ "text/vnd.latex-z", 0 },
	{ "text/vnd.motorola.reflex", 0 },
	{ "text/vnd.ms-mediapackage", 0 },
	{ "text/vnd.net2phone.commcenter.command", 0 },
	{ "text/vnd.radisys.msml-basic-layout", 0 },
	{ "text/vnd.si.uricatalogue", 0 },
	{ "text/vnd.sun.j2me.app-descriptor", 0 },
	{ "text/vnd.trolltech.linguist", 0 },
	{ "text/vnd.wap-wml", 0 },
	{ "text/vnd.wap.si", 0 },
	{ "text/vnd.wap.sl", 0 },
	{ "text/vnd.wap.wmlscript", 0 },
	{ "text/x-vcard", 0 },
	{ "text/xml", 0 },
	{ "text/xml-external-parsed-entity", 0 },
	{ "video/1d-interleaved-parityfec", 0 },
	{ "video/3gpp", 0 },
	{ "video/3gpp-tt", 0 },
	{ "video/3gpp2", 0 },
	{ "video/bmpeg", 0 },
	{ "video/bt656", 0 },
	{ "video/celb", 0 },
	{ "video/dv", 0 },
	{ "video/encaprtp", 0 },
	{ "video/example", 0 },
	{ "video/h261", 0 },
	{ "video/h263", 0 },
	{ "video/h263-1998", 0 },
	{ "video/h263-2000", 0 },
	{ "video/h264", 0 },
	{ "video/h264-rcdo", 0 },
	{ "video/h264-svc", 0 },
	{ "video/h265", 0 },
	{ "video/iso.segment", 0 },
	{ "video/jpeg", 0 },
	{ "video/jpeg2000", 0 },
	{ "video/mj2", 0 },
	{ "video/mp1s", 0 },
	{ "video/mp2p", 0 },
	{ "video/mp2t", 0 },
	{ "video/mp4", 0 },
	{ "video/mp4v-es", 0 },
	{ "video/mpeg4-generic", 0 },
	{ "video/mpv", 0 },
	{ "video/nv", 0 },
	{ "video/ogg", 0 },
	{ "video/pointer", 0 },
	{ "video/quicktime", 0 },
	{ "video/raptorfec", 0 },
	{ "video/rtp-enc-aescm128", 0 },
	{ "video/rtploopback", 0 },
	{ "video/rtx", 0 },
	{ "video/smpte292m", 0 },
	{ "video/ulpfec", 0 },
	{ "video/vc1", 0 },
	{ "video/vnd-mpegurl", 0 },
	{ "video/vnd-vivo", 0 },
	{ "video/vnd.cctv", 0 },
	{ "video/vnd.dece-mp4", 0 },
	{ "video/vnd.dece.hd", 0 },
	{ "video/vnd.dece.mobile", 0 },
	{ "video/vnd.dece.pd", 0 },
	{ "video/vnd.dece.sd", 0 },
	{ "video/vnd.dece.video", 0 },
	{ "video/vnd.directv-mpeg", 0 },
	{ "video/vnd.directv.mpeg-tts", 0 },
	{ "video/vnd.dlna.mpeg-tts", 0 },
	{ "video/vnd.dvb.file", 0 },
	{ "video/vnd.fvt", 0 },
	{ "video/vnd.hns.video", 0 },
	{ "video/vnd.iptvforum.1dparityfec-1010", 0 },
	{ "video/vnd.iptvforum.1dparityfec-2005", 0 },
	{ "video/vnd.iptvforum.2dparityfec-1010", 0 },
	{ "video/vnd.iptvforum.2dparityfec-2005", 0 },
	{ "video/vnd.iptvforum.ttsavc", 0 },
	{ "video/vnd.iptvforum.ttsmpeg2", 0 },
	{ "video/vnd.motorola.video", 0 },
	{ "video/vnd.motorola.videop", 0 },
	{ "video/vnd.ms-playready.media.pyv", 0 },
	{ "video/vnd.nokia.interleaved-multimedia", 0 },
	{ "video/vnd.nokia.videovoip", 0 },
	{ "video/vnd.objectvideo", 0 },
	{ "video/vnd.radgamettools.bink", 0 },
	{ "video/vnd.radgamettools.smacker", 0 },
	{ "video/vnd.sealed-swf", 0 },
	{ "video/vnd.sealed.mpeg1", 0 },
	{ "video/vnd.sealed.mpeg4", 0 },
	{ "video/vnd.sealedmedia.softseal-mov", 0 },
	{ "video/vnd.uvvu-mp4", 0 },
	{ "video/vp8", 0 },
};

/* Transcribed from rspamd 3.4 lualib/lua_mime_types.lua full_extensions_map
 * plus modules.d/mime_types.conf extension_map (mult 1.0; others 0.4).
 * mult10 is the multiplier times ten. Sorted by extension (bytewise). */
static const struct ext_map_entry ext_map[] = {
	{ "323", 4, "text/h323" },
	{ "3g2", 4, "video/3gpp2" },
	{ "3gp", 4, "video/3gpp" },
	{ "3gp2", 4, "video/3gpp2" },
	{ "3gpp", 4, "video/3gpp" },
	{ "7z", 4, "application/x-7z-compressed|application/7z" },
	{ "AAC", 4, "audio/aac" },
	{ "ADT", 4, "audio/vnd.dlna.adts" },
	{ "ADTS", 4, "audio/aac" },
	{ "AddIn", 4, "text/xml" },
	{ "IVF", 4, "video/x-ivf" },
	{ "SSISDeploymentManifest", 4, "text/xml" },
	{ "WLMP", 4, "application/wlmoviemaker" },
	{ "XOML", 4, "text/plain" },
	{ "aa", 4, "audio/audible" },
	{ "aaf", 4, "application/octet-stream" },
	{ "aax", 4, "audio/vnd.audible.aax" },
	{ "ac3", 4, "audio/ac3" },
	{ "aca", 4, "application/octet-stream" },
	{ "accda", 4, "application/msaccess.addin" },
	{ "accdb", 4, "application/msaccess" },
	{ "accdc", 4, "application/msaccess.cab" },
	{ "accde", 4, "application/msaccess" },
	{ "accdr", 4, "application/msaccess.runtime" },
	{ "accdt", 4, "application/msaccess" },
	{ "accdw", 4, "application/msaccess.webapplication" },
	{ "accft", 4, "application/msaccess.ftemplate" },
	{ "acx", 4, "application/internet-property-stream" },
	{ "ade", 4, "application/msaccess" },
	{ "adobebridge", 4, "application/x-bridge-url" },
	{ "adp", 4, "application/msaccess" },
	{ "afm", 4, "application/octet-stream" },
	{ "ai", 4, "application/postscript" },
	{ "aif", 4, "audio/aiff" },
	{ "aifc", 4, "audio/aiff" },
	{ "aiff", 4, "audio/aiff" },
	{ "air", 4, "application/vnd.adobe.air-application-installer-package+zip" },
	{ "amc", 4, "application/mpeg" },
	{ "anx", 4, "application/annodex" },
	{ "apk", 4, "application/vnd.android.package-archive" },
	{ "application", 4, "application/x-ms-application" },
	{ "art", 4, "image/x-jg" },
	{ "asa", 4, "application/xml" },
	{ "asax", 4, "application/xml" },
	{ "ascx", 4, "application/xml" },
	{ "asd", 4, "application/octet-stream" },
	{ "asf", 4, "video/x-ms-asf" },
	{ "ashx", 4, "application/xml" },
	{ "asi", 4, "application/octet-stream" },
	{ "asm", 4, "text/plain" },
	{ "asmx", 4, "application/xml" },
	{ "aspx", 4, "application/xml" },
	{ "asr", 4, "video/x-ms-asf" },
	{ "asx", 4, "video/x-ms-asf" },
	{ "atom", 4, "application/atom+xml" },
	{ "au", 4, "audio/basic" },
	{ "avi", 4, "video/x-msvideo" },
	{ "axa", 4, "audio/annodex" },
	{ "axs", 4, "application/olescript" },
	{ "axv", 4, "video/annodex" },
	{ "bas", 4, "text/plain" },
	{ "bcpio", 4, "application/x-bcpio" },
	{ "bin", 4, "application/octet-stream" },
	{ "bmp", 4, "image/bmp|image/x-ms-bmp" },
	{ "c", 4, "text/plain" },
	{ "cab", 4, "application/octet-stream" },
	{ "caf", 4, "audio/x-caf" },
	{ "calx", 4, "application/vnd.ms-office.calx" },
	{ "cat", 4, "application/vnd.ms-pki.seccat" },
	{ "cc", 4, "text/plain" },
	{ "cd", 4, "text/plain" },
	{ "cdda", 4, "audio/aiff" },
	{ "cdf", 4, "application/x-cdf" },
	{ "cer", 4, "application/x-x509-ca-cert" },
	{ "cfg", 4, "text/plain" },
	{ "chm", 4, "application/octet-stream" },
	{ "class", 4, "application/x-java-applet" },
	{ "clp", 4, "application/x-msclip" },
	{ "cmd", 4, "text/plain" },
	{ "cmx", 4, "image/x-cmx" },
	{ "cnf", 4, "text/plain" },
	{ "cod", 4, "image/cis-cod" },
	{ "config", 4, "application/xml" },
	{ "contact", 4, "text/x-ms-contact" },
	{ "coverage", 4, "application/xml" },
	{ "cpio", 4, "application/x-cpio" },
	{ "cpp", 4, "text/plain" },
	{ "crd", 4, "application/x-mscardfile" },
	{ "crl", 4, "application/pkix-crl" },
	{ "crt", 4, "application/x-x509-ca-cert" },
	{ "cs", 4, "text/plain" },
	{ "csdproj", 4, "text/plain" },
	{ "csh", 4, "application/x-csh" },
	{ "csproj", 4, "text/plain" },
	{ "css", 4, "text/css" },
	{ "csv", 4, "application/vnd.ms-excel|text/csv|text/plain" },
	{ "cur", 4, "application/octet-stream" },
	{ "cxx", 4, "text/plain" },
	{ "dat", 4, "application/octet-stream|application/ms-tnef" },
	{ "datasource", 4, "application/xml" },
	{ "dbproj", 4, "text/plain" },
	{ "dcr", 4, "application/x-director" },
	{ "def", 4, "text/plain" },
	{ "deploy", 4, "application/octet-stream" },
	{ "der", 4, "application/x-x509-ca-cert" },
	{ "dgml", 4, "application/xml" },
	{ "dib", 4, "image/bmp" },
	{ "dif", 4, "video/x-dv" },
	{ "dir", 4, "application/x-director" },
	{ "disco", 4, "text/xml" },
	{ "divx", 4, "video/divx" },
	{ "dll", 4, "application/x-msdownload" },
	{ "dll.config", 4, "text/xml" },
	{ "dlm", 4, "text/dlm" },
	{ "doc", 4, "application/msword" },
	{ "docm", 4, "application/vnd.ms-word.document.macroEnabled.12" },
	{ "docx", 4, "application/vnd.openxmlformats-officedocument.wordprocessingml.document|application/msword|application/vnd.ms-word.document.12|application/octet-stream" },
	{ "dot", 4, "application/msword" },
	{ "dotm", 4, "application/vnd.ms-word.template.macroEnabled.12" },
	{ "dotx", 4, "application/vnd.openxmlformats-officedocument.wordprocessingml.template" },
	{ "dsp", 4, "application/octet-stream" },
	{ "dsw", 4, "text/plain" },
	{ "dtd", 4, "text/xml" },
	{ "dtsConfig", 4, "text/xml" },
	{ "dv", 4, "video/x-dv" },
	{ "dvi", 4, "application/x-dvi" },
	{ "dwf", 4, "drawing/x-dwf" },
	{ "dwg", 4, "application/acad|image/vnd.dwg" },
	{ "dwp", 4, "application/octet-stream" },
	{ "dxf", 4, "application/x-dxf" },
	{ "dxr", 4, "application/x-director" },
	{ "eml", 4, "message/rfc822" },
	{ "emz", 4, "application/octet-stream" },
	{ "eot", 4, "application/vnd.ms-fontobject" },
	{ "eps", 4, "application/postscript" },
	{ "etl", 4, "application/etl" },
	{ "etx", 4, "text/x-setext" },
	{ "evy", 4, "application/envoy" },
	{ "exe", 4, "application/x-dosexec|application/x-msdownload|application/x-executable" },
	{ "exe.config", 4, "text/xml" },
	{ "fdf", 4, "application/vnd.fdf" },
	{ "fif", 4, "application/fractals" },
	{ "filters", 4, "application/xml" },
	{ "fla", 4, "application/octet-stream" },
	{ "flac", 4, "audio/flac" },
	{ "flr", 4, "x-world/x-vrml" },
	{ "flv", 4, "video/x-flv" },
	{ "fsscript", 4, "application/fsharp-script" },
	{ "fsx", 4, "application/fsharp-script" },
	{ "generictest", 4, "application/xml" },
	{ "gif", 4, "image/gif" },
	{ "gpx", 4, "application/gpx+xml" },
	{ "group", 4, "text/x-ms-group" },
	{ "gsm", 4, "audio/x-gsm" },
	{ "gtar", 4, "application/x-gtar" },
	{ "gz", 4, "application/gzip|application/x-gzip|application/tlsrpt+gzip" },
	{ "h", 4, "text/plain" },
	{ "hdf", 4, "application/x-hdf" },
	{ "hdml", 4, "text/x-hdml" },
	{ "hhc", 4, "application/x-oleobject" },
	{ "hhk", 4, "application/octet-stream" },
	{ "hhp", 4, "application/octet-stream" },
	{ "hlp", 4, "application/winhlp" },
	{ "hpp", 4, "text/plain" },
	{ "hqx", 4, "application/mac-binhex40" },
	{ "hta", 4, "application/hta" },
	{ "htc", 4, "text/x-component" },
	{ "htm", 4, "text/html" },
	{ "html", 10, "text/html" },
	{ "htt", 4, "text/webviewhtml" },
	{ "hxa", 4, "application/xml" },
	{ "hxc", 4, "application/xml" },
	{ "hxd", 4, "application/octet-stream" },
	{ "hxe", 4, "application/xml" },
	{ "hxf", 4, "application/xml" },
	{ "hxh", 4, "application/octet-stream" },
	{ "hxi", 4, "application/octet-stream" },
	{ "hxk", 4, "application/xml" },
	{ "hxq", 4, "application/octet-stream" },
	{ "hxr", 4, "application/octet-stream" },
	{ "hxs", 4, "application/octet-stream" },
	{ "hxt", 4, "text/html" },
	{ "hxv", 4, "application/xml" },
	{ "hxw", 4, "application/octet-stream" },
	{ "hxx", 4, "text/plain" },
	{ "i", 4, "text/plain" },
	{ "ico", 4, "image/x-icon" },
	{ "ics", 4, "text/calendar|application/ics|application/octet-stream" },
	{ "idl", 4, "text/plain" },
	{ "ief", 4, "image/ief" },
	{ "iii", 4, "application/x-iphone" },
	{ "inc", 4, "text/plain" },
	{ "inf", 4, "application/octet-stream" },
	{ "ini", 4, "text/plain" },
	{ "inl", 4, "text/plain" },
	{ "ins", 4, "application/x-internet-signup" },
	{ "ipa", 4, "application/x-itunes-ipa" },
	{ "ipg", 4, "application/x-itunes-ipg" },
	{ "ipproj", 4, "text/plain" },
	{ "ipsw", 4, "application/x-itunes-ipsw" },
	{ "iqy", 4, "text/x-ms-iqy" },
	{ "isp", 4, "application/x-internet-signup" },
	{ "ite", 4, "application/x-itunes-ite" },
	{ "itlp", 4, "application/x-itunes-itlp" },
	{ "itms", 4, "application/x-itunes-itms" },
	{ "itpc", 4, "application/x-itunes-itpc" },
	{ "jar", 4, "application/java-archive" },
	{ "java", 4, "application/octet-stream" },
	{ "jck", 4, "application/liquidmotion" },
	{ "jcz", 4, "application/liquidmotion" },
	{ "jfif", 4, "image/jpeg|image/pjpeg" },
	{ "jnlp", 4, "application/x-java-jnlp-file" },
	{ "jpb", 4, "application/octet-stream" },
	{ "jpe", 4, "image/jpeg|image/pjpeg" },
	{ "jpeg", 4, "image/jpeg|image/pjpeg" },
	{ "jpg", 4, "image/jpeg|image/pjpeg" },
	{ "js", 4, "application/javascript" },
	{ "json", 4, "application/json" },
	{ "jsx", 4, "text/jscript" },
	{ "jsxbin", 4, "text/plain" },
	{ "latex", 4, "application/x-latex" },
	{ "library-ms", 4, "application/windows-library+xml" },
	{ "lit", 4, "application/x-ms-reader" },
	{ "loadtest", 4, "application/xml" },
	{ "lpk", 4, "application/octet-stream" },
	{ "lsf", 4, "video/x-la-asf" },
	{ "lst", 4, "text/plain" },
	{ "lsx", 4, "video/x-la-asf" },
	{ "lzh", 4, "application/octet-stream" },
	{ "m13", 4, "application/x-msmediaview" },
	{ "m14", 4, "application/x-msmediaview" },
	{ "m1v", 4, "video/mpeg" },
	{ "m2t", 4, "video/vnd.dlna.mpeg-tts" },
	{ "m2ts", 4, "video/vnd.dlna.mpeg-tts" },
	{ "m2v", 4, "video/mpeg" },
	{ "m3u", 4, "audio/x-mpegurl" },
	{ "m3u8", 4, "audio/x-mpegurl" },
	{ "m4a", 4, "audio/m4a|audio/x-m4a" },
	{ "m4b", 4, "audio/m4b" },
	{ "m4p", 4, "audio/m4p" },
	{ "m4r", 4, "audio/x-m4r" },
	{ "m4v", 4, "video/x-m4v" },
	{ "mac", 4, "image/x-macpaint" },
	{ "mak", 4, "text/plain" },
	{ "man", 4, "application/x-troff-man" },
	{ "manifest", 4, "application/x-ms-manifest" },
	{ "map", 4, "text/plain" },
	{ "master", 4, "application/xml" },
	{ "mbox", 4, "application/mbox" },
	{ "mda", 4, "application/msaccess" },
	{ "mdb", 4, "application/x-msaccess" },
	{ "mde", 4, "application/msaccess" },
	{ "mdp", 4, "application/octet-stream" },
	{ "me", 4, "application/x-troff-me" },
	{ "mfp", 4, "application/x-shockwave-flash" },
	{ "mht", 4, "message/rfc822" },
	{ "mhtml", 4, "message/rfc822" },
	{ "mid", 4, "audio/mid" },
	{ "midi", 4, "audio/mid" },
	{ "mix", 4, "application/octet-stream" },
	{ "mk", 4, "text/plain" },
	{ "mmf", 4, "application/x-smaf" },
	{ "mno", 4, "text/xml" },
	{ "mny", 4, "application/x-msmoney" },
	{ "mod", 4, "video/mpeg" },
	{ "mov", 4, "video/quicktime" },
	{ "movie", 4, "video/x-sgi-movie" },
	{ "mp2", 4, "video/mpeg" },
	{ "mp2v", 4, "video/mpeg" },
	{ "mp3", 4, "audio/mpeg|audio/mpeg3|audio/mp3|audio/x-mpeg-3" },
	{ "mp4", 4, "video/mp4" },
	{ "mp4v", 4, "video/mp4" },
	{ "mpa", 4, "video/mpeg" },
	{ "mpe", 4, "video/mpeg" },
	{ "mpeg", 4, "video/mpeg" },
	{ "mpf", 4, "application/vnd.ms-mediapackage" },
	{ "mpg", 4, "video/mpeg" },
	{ "mpp", 4, "application/vnd.ms-project" },
	{ "mpv2", 4, "video/mpeg" },
	{ "mqv", 4, "video/quicktime" },
	{ "ms", 4, "application/x-troff-ms" },
	{ "msg", 4, "application/vnd.ms-outlook" },
	{ "msi", 4, "application/x-msi|application/octet-stream" },
	{ "mso", 4, "application/octet-stream" },
	{ "mts", 4, "video/vnd.dlna.mpeg-tts" },
	{ "mtx", 4, "application/xml" },
	{ "mvb", 4, "application/x-msmediaview" },
	{ "mvc", 4, "application/x-miva-compiled" },
	{ "mxp", 4, "application/x-mmxp" },
	{ "nc", 4, "application/x-netcdf" },
	{ "nsc", 4, "video/x-ms-asf" },
	{ "nws", 4, "message/rfc822" },
	{ "ocx", 4, "application/octet-stream" },
	{ "oda", 4, "application/oda" },
	{ "odb", 4, "application/vnd.oasis.opendocument.database" },
	{ "odc", 4, "application/vnd.oasis.opendocument.chart" },
	{ "odf", 4, "application/vnd.oasis.opendocument.formula" },
	{ "odg", 4, "application/vnd.oasis.opendocument.graphics" },
	{ "odh", 4, "text/plain" },
	{ "odi", 4, "application/vnd.oasis.opendocument.image" },
	{ "odl", 4, "text/plain" },
	{ "odm", 4, "application/vnd.oasis.opendocument.text-master" },
	{ "odp", 4, "application/vnd.oasis.opendocument.presentation" },
	{ "ods", 4, "application/vnd.oasis.opendocument.spreadsheet" },
	{ "odt", 4, "application/vnd.oasis.opendocument.text" },
	{ "oga", 4, "audio/ogg" },
	{ "ogg", 4, "audio/ogg" },
	{ "ogv", 4, "video/ogg" },
	{ "ogx", 4, "application/ogg" },
	{ "one", 4, "application/onenote" },
	{ "onea", 4, "application/onenote" },
	{ "onepkg", 4, "application/onenote" },
	{ "onetmp", 4, "application/onenote" },
	{ "onetoc", 4, "application/onenote" },
	{ "onetoc2", 4, "application/onenote" },
	{ "opus", 4, "audio/ogg" },
	{ "orderedtest", 4, "application/xml" },
	{ "osdx", 4, "application/opensearchdescription+xml" },
	{ "otf", 4, "application/font-sfnt" },
	{ "otg", 4, "application/vnd.oasis.opendocument.graphics-template" },
	{ "oth", 4, "application/vnd.oasis.opendocument.text-web" },
	{ "otp", 4, "application/vnd.oasis.opendocument.presentation-template" },
	{ "ots", 4, "application/vnd.oasis.opendocument.spreadsheet-template" },
	{ "ott", 4, "application/vnd.oasis.opendocument.text-template" },
	{ "oxt", 4, "application/vnd.openofficeorg.extension" },
	{ "p10", 4, "application/pkcs10" },
	{ "p12", 4, "application/x-pkcs12" },
	{ "p7b", 4, "application/x-pkcs7-certificates" },
	{ "p7c", 4, "application/pkcs7-mime" },
	{ "p7r", 4, "application/x-pkcs7-certreqresp" },
	{ "p7s", 4, "application/pkcs7-signature|application/x-pkcs7-signature|text/plain" },
	{ "pbm", 4, "image/x-portable-bitmap" },
	{ "pcast", 4, "application/x-podcast" },
	{ "pct", 4, "image/pict" },
	{ "pcx", 4, "application/octet-stream" },
	{ "pcz", 4, "application/octet-stream" },
	{ "pdf", 10, "application/octet-stream|application/pdf|application/x-pdf" },
	{ "pfb", 4, "application/octet-stream" },
	{ "pfm", 4, "application/octet-stream" },
	{ "pfx", 4, "application/x-pkcs12" },
	{ "pgm", 4, "image/x-portable-graymap" },
	{ "pic", 4, "image/pict" },
	{ "pict", 4, "image/pict" },
	{ "pkgdef", 4, "text/plain" },
	{ "pkgundef", 4, "text/plain" },
	{ "pko", 4, "application/vnd.ms-pki.pko" },
	{ "pls", 4, "audio/scpls" },
	{ "pma", 4, "application/x-perfmon" },
	{ "pmc", 4, "application/x-perfmon" },
	{ "pml", 4, "application/x-perfmon" },
	{ "pmr", 4, "application/x-perfmon" },
	{ "pmw", 4, "application/x-perfmon" },
	{ "png", 4, "image/png" },
	{ "pnm", 4, "image/x-portable-anymap" },
	{ "pnt", 4, "image/x-macpaint" },
	{ "pntg", 4, "image/x-macpaint" },
	{ "pnz", 4, "image/png" },
	{ "pot", 4, "application/vnd.ms-powerpoint" },
	{ "potm", 4, "application/vnd.ms-powerpoint.template.macroEnabled.12" },
	{ "potx", 4, "application/vnd.openxmlformats-officedocument.presentationml.template" },
	{ "ppa", 4, "application/vnd.ms-powerpoint" },
	{ "ppam", 4, "application/vnd.ms-powerpoint.addin.macroEnabled.12" },
	{ "ppm", 4, "image/x-portable-pixmap" },
	{ "pps", 4, "application/vnd.ms-powerpoint" },
	{ "ppsm", 4, "application/vnd.ms-powerpoint.slideshow.macroEnabled.12" },
	{ "ppsx", 4, "application/vnd.openxmlformats-officedocument.presentationml.slideshow" },
	{ "ppt", 4, "application/vnd.ms-powerpoint" },
	{ "pptm", 4, "application/vnd.ms-powerpoint.presentation.macroEnabled.12" },
	{ "pptx", 4, "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
	{ "prf", 4, "application/pics-rules" },
	{ "prm", 4, "application/octet-stream" },
	{ "prx", 4, "application/octet-stream" },
	{ "ps", 4, "application/postscript" },
	{ "psc1", 4, "application/PowerShell" },
	{ "psd", 4, "application/octet-stream" },
	{ "psess", 4, "application/xml" },
	{ "psm", 4, "application/octet-stream" },
	{ "psp", 4, "application/octet-stream" },
	{ "pst", 4, "application/vnd.ms-outlook" },
	{ "pub", 4, "application/x-mspublisher" },
	{ "pwz", 4, "application/vnd.ms-powerpoint" },
	{ "qht", 4, "text/x-html-insertion" },
	{ "qhtm", 4, "text/x-html-insertion" },
	{ "qt", 4, "video/quicktime" },
	{ "qti", 4, "image/x-quicktime" },
	{ "qtif", 4, "image/x-quicktime" },
	{ "qtl", 4, "application/x-quicktimeplayer" },
	{ "qxd", 4, "application/octet-stream" },
	{ "ra", 4, "audio/x-pn-realaudio" },
	{ "ram", 4, "audio/x-pn-realaudio" },
	{ "rar", 4, "application/x-rar-compressed|application/x-rar|application/rar|application/octet-stream" },
	{ "ras", 4, "image/x-cmu-raster" },
	{ "rat", 4, "application/rat-file" },
	{ "rc", 4, "text/plain" },
	{ "rc2", 4, "text/plain" },
	{ "rct", 4, "text/plain" },
	{ "rdlc", 4, "application/xml" },
	{ "reg", 4, "text/plain" },
	{ "resx", 4, "application/xml" },
	{ "rf", 4, "image/vnd.rn-realflash" },
	{ "rgb", 4, "image/x-rgb" },
	{ "rgs", 4, "text/plain" },
	{ "rm", 4, "application/vnd.rn-realmedia" },
	{ "rmi", 4, "audio/mid" },
	{ "rmp", 4, "application/vnd.rn-rn_music_package" },
	{ "roff", 4, "application/x-troff" },
	{ "rpm", 4, "audio/x-pn-realaudio-plugin" },
	{ "rqy", 4, "text/x-ms-rqy" },
	{ "rtf", 4, "application/rtf|application/msword|text/richtext|text/rtf" },
	{ "rtx", 4, "text/richtext" },
	{ "ruleset", 4, "application/xml" },
	{ "rvt", 4, "application/octet-stream" },
	{ "s", 4, "text/plain" },
	{ "safariextz", 4, "application/x-safari-safariextz" },
	{ "scd", 4, "application/x-msschedule" },
	{ "scr", 4, "text/plain" },
	{ "sct", 4, "text/scriptlet" },
	{ "sd2", 4, "audio/x-sd2" },
	{ "sdp", 4, "application/sdp" },
	{ "sea", 4, "application/octet-stream" },
	{ "searchConnector-ms", 4, "application/windows-search-connector+xml" },
	{ "setpay", 4, "application/set-payment-initiation" },
	{ "setreg", 4, "application/set-registration-initiation" },
	{ "settings", 4, "application/xml" },
	{ "sgimb", 4, "application/x-sgimb" },
	{ "sgml", 4, "text/sgml" },
	{ "sh", 4, "application/x-sh" },
	{ "shar", 4, "application/x-shar" },
	{ "shtml", 4, "text/html" },
	{ "sit", 4, "application/x-stuffit" },
	{ "sitemap", 4, "application/xml" },
	{ "skin", 4, "application/xml" },
	{ "skp", 4, "application/x-koan" },
	{ "sldm", 4, "application/vnd.ms-powerpoint.slide.macroEnabled.12" },
	{ "sldx", 4, "application/vnd.openxmlformats-officedocument.presentationml.slide" },
	{ "slk", 4, "application/vnd.ms-excel" },
	{ "sln", 4, "text/plain" },
	{ "slupkg-ms", 4, "application/x-ms-license" },
	{ "smd", 4, "audio/x-smd" },
	{ "smi", 4, "application/octet-stream" },
	{ "smx", 4, "audio/x-smd" },
	{ "smz", 4, "audio/x-smd" },
	{ "snd", 4, "audio/basic" },
	{ "snippet", 4, "application/xml" },
	{ "snp", 4, "application/octet-stream" },
	{ "sol", 4, "text/plain" },
	{ "sor", 4, "text/plain" },
	{ "spc", 4, "application/x-pkcs7-certificates" },
	{ "spl", 4, "application/futuresplash" },
	{ "spx", 4, "audio/ogg" },
	{ "src", 4, "application/x-wais-source" },
	{ "srf", 4, "text/plain" },
	{ "ssm", 4, "application/streamingmedia" },
	{ "sst", 4, "application/vnd.ms-pki.certstore" },
	{ "step", 4, "application/step" },
	{ "stl", 4, "application/vnd.ms-pki.stl" },
	{ "stp", 4, "application/step" },
	{ "sv4cpio", 4, "application/x-sv4cpio" },
	{ "sv4crc", 4, "application/x-sv4crc" },
	{ "svc", 4, "application/xml" },
	{ "svg", 4, "image/svg+xml" },
	{ "swf", 4, "application/x-shockwave-flash" },
	{ "t", 4, "application/x-troff" },
	{ "tar", 4, "application/x-tar" },
	{ "tcl", 4, "application/x-tcl" },
	{ "testrunconfig", 4, "application/xml" },
	{ "testsettings", 4, "application/xml" },
	{ "tex", 4, "application/x-tex" },
	{ "texi", 4, "application/x-texinfo" },
	{ "texinfo", 4, "application/x-texinfo" },
	{ "tgz", 4, "application/x-compressed" },
	{ "thmx", 4, "application/vnd.ms-officetheme" },
	{ "thn", 4, "application/octet-stream" },
	{ "tif", 4, "image/tiff|application/octet-stream" },
	{ "tiff", 4, "image/tiff" },
	{ "tlh", 4, "text/plain" },
	{ "tli", 4, "text/plain" },
	{ "toc", 4, "application/octet-stream" },
	{ "tr", 4, "application/x-troff" },
	{ "trm", 4, "application/x-msterminal" },
	{ "trx", 4, "application/xml" },
	{ "ts", 4, "video/vnd.dlna.mpeg-tts" },
	{ "tsv", 4, "text/tab-separated-values" },
	{ "ttf", 4, "application/font-sfnt" },
	{ "tts", 4, "video/vnd.dlna.mpeg-tts" },
	{ "txt", 10, "message/disposition-notification|text/plain|text/rfc822-headers" },
	{ "u32", 4, "application/octet-stream" },
	{ "uls", 4, "text/iuls" },
	{ "user", 4, "text/plain" },
	{ "ustar", 4, "application/x-ustar" },
	{ "vb", 4, "text/plain" },
	{ "vbdproj", 4, "text/plain" },
	{ "vbk", 4, "video/mpeg" },
	{ "vbproj", 4, "text/plain" },
	{ "vbs", 4, "text/vbscript" },
	{ "vcf", 4, "text/x-vcard|text/vcard" },
	{ "vcproj", 4, "application/xml" },
	{ "vcs", 4, "text/plain" },
	{ "vcxproj", 4, "application/xml" },
	{ "vddproj", 4, "text/plain" },
	{ "vdp", 4, "text/plain" },
	{ "vdproj", 4, "text/plain" },
	{ "vdx", 4, "application/vnd.ms-visio.viewer" },
	{ "vml", 4, "text/xml" },
	{ "vscontent", 4, "application/xml" },
	{ "vsct", 4, "text/xml" },
	{ "vsd", 4, "application/vnd.visio" },
	{ "vsi", 4, "application/ms-vsi" },
	{ "vsix", 4, "application/vsix" },
	{ "vsixlangpack", 4, "text/xml" },
	{ "vsixmanifest", 4, "text/xml" },
	{ "vsmdi", 4, "application/xml" },
	{ "vspscc", 4, "text/plain" },
	{ "vss", 4, "application/vnd.visio" },
	{ "vsscc", 4, "text/plain" },
	{ "vssettings", 4, "text/xml" },
	{ "vssscc", 4, "text/plain" },
	{ "vst", 4, "application/vnd.visio" },
	{ "vstemplate", 4, "text/xml" },
	{ "vsto", 4, "application/x-ms-vsto" },
	{ "vsw", 4, "application/vnd.visio" },
	{ "vsx", 4, "application/vnd.visio" },
	{ "vtx", 4, "application/vnd.visio" },
	{ "wav", 4, "audio/wav|audio/vnd.wave|audio/x-wav" },
	{ "wave", 4, "audio/wav" },
	{ "wax", 4, "audio/x-ms-wax" },
	{ "wbk", 4, "application/msword" },
	{ "wbmp", 4, "image/vnd.wap.wbmp" },
	{ "wcm", 4, "application/vnd.ms-works" },
	{ "wdb", 4, "application/vnd.ms-works" },
	{ "wdp", 4, "image/vnd.ms-photo" },
	{ "webarchive", 4, "application/x-safari-webarchive" },
	{ "webm", 4, "video/webm" },
	{ "webp", 4, "image/webp" },
	{ "webtest", 4, "application/xml" },
	{ "wiq", 4, "application/xml" },
	{ "wiz", 4, "application/msword" },
	{ "wks", 4, "application/vnd.ms-works" },
	{ "wlpginstall", 4, "application/x-wlpg-detect" },
	{ "wlpginstall3", 4, "application/x-wlpg3-detect" },
	{ "wm", 4, "video/x-ms-wm" },
	{ "wma", 4, "audio/x-ms-wma" },
	{ "wmd", 4, "application/x-ms-wmd" },
	{ "wmf", 4, "application/x-msmetafile|image/wmf|image/x-wmf" },
	{ "wml", 4, "text/vnd.wap.wml" },
	{ "wmlc", 4, "application/vnd.wap.wmlc" },
	{ "wmls", 4, "text/vnd.wap.wmlscript" },
	{ "wmlsc", 4, "application/vnd.wap.wmlscriptc" },
	{ "wmp", 4, "video/x-ms-wmp" },
	{ "wmv", 4, "video/x-ms-wmv" },
	{ "wmx", 4, "video/x-ms-wmx" },
	{ "wmz", 4, "application/x-ms-wmz" },
	{ "woff", 4, "application/font-woff" },
	{ "wpl", 4, "application/vnd.ms-wpl" },
	{ "wps", 4, "application/vnd.ms-works" },
	{ "wri", 4, "application/x-mswrite" },
	{ "wrl", 4, "x-world/x-vrml" },
	{ "wrz", 4, "x-world/x-vrml" },
	{ "wsc", 4, "text/scriptlet" },
	{ "wsdl", 4, "text/xml" },
	{ "wvx", 4, "video/x-ms-wvx" },
	{ "x", 4, "application/directx" },
	{ "xaf", 4, "x-world/x-vrml" },
	{ "xaml", 4, "application/xaml+xml" },
	{ "xap", 4, "application/x-silverlight-app" },
	{ "xbap", 4, "application/x-ms-xbap" },
	{ "xbm", 4, "image/x-xbitmap" },
	{ "xdr", 4, "text/plain" },
	{ "xht", 4, "application/xhtml+xml" },
	{ "xhtml", 4, "application/xhtml+xml" },
	{ "xla", 4, "application/vnd.ms-excel" },
	{ "xlam", 4, "application/vnd.ms-excel.addin.macroEnabled.12" },
	{ "xlc", 4, "application/vnd.ms-excel" },
	{ "xld", 4, "application/vnd.ms-excel" },
	{ "xlk", 4, "application/vnd.ms-excel" },
	{ "xll", 4, "application/vnd.ms-excel" },
	{ "xlm", 4, "application/vnd.ms-excel" },
	{ "xls", 4, "application/excel|application/vnd.ms-excel|application/vnd.ms-office|application/x-excel|application/octet-stream" },
	{ "xlsb", 4, "application/vnd.ms-excel.sheet.binary.macroEnabled.12" },
	{ "xlsm", 4, "application/vnd.ms-excel.sheet.macroEnabled.12" },
	{ "xlsx", 4, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet|application/vnd.ms-excel.12|application/octet-stream" },
	{ "xlt", 4, "application/vnd.ms-excel" },
	{ "xltm", 4, "application/vnd.ms-excel.template.macroEnabled.12" },
	{ "xltx", 4, "application/vnd.openxmlformats-officedocument.spreadsheetml.template" },
	{ "xlw", 4, "application/vnd.ms-excel" },
	{ "xml", 4, "application/xml|text/xml|application/octet-stream" },
	{ "xmp", 4, "application/octet-stream" },
	{ "xmta", 4, "application/xml" },
	{ "xof", 4, "x-world/x-vrml" },
	{ "xpm", 4, "image/x-xpixmap" },
	{ "xps", 4, "application/vnd.ms-xpsdocument" },
	{ "xrm-ms", 4, "text/xml" },
	{ "xsc", 4, "application/xml" },
	{ "xsd", 4, "text/xml" },
	{ "xsf", 4, "text/xml" },
	{ "xsl", 4, "text/xml" },
	{ "xslt", 4, "text/xml" },
	{ "xsn", 4, "application/octet-stream" },
	{ "xspf", 4, "application/xspf+xml" },
	{ "xss", 4, "application/xml" },
	{ "xtp", 4, "application/octet-stream" },
	{ "xwd", 4, "image/x-xwindowdump" },
	{ "z", 4, "application/x-compress" },
	{ "zip", 4, "application/zip|application/x-zip-compressed|application/octet-stream" },
	{ "zlib", 4, "application/zlib" },
};

/* plugins/mime_types.lua bad_extensions (multipliers). */
static const struct { const char *ext; double mult; } bad_exts[] = {
	{ "ace", 4 }, { "ade", 2 }, { "adp", 2 }, { "app", 2 }, { "arj", 2 },
	{ "asp", 2 }, { "bas", 2 }, { "bat", 2 }, { "cab", 3 }, { "chm", 2 },
	{ "cmd", 2 }, { "cnt", 2 }, { "com", 2 }, { "cpl", 2 }, { "csh", 2 },
	{ "diagcab", 2 }, { "exe", 1 }, { "fxp", 2 }, { "gadget", 2 },
	{ "grp", 2 }, { "hlp", 2 }, { "hpj", 2 }, { "inf", 2 }, { "ins", 2 },
	{ "iso", 4 }, { "isp", 2 }, { "its", 2 }, { "jar", 2 }, { "jnlp", 2 },
	{ "js", 2 }, { "jse", 2 }, { "ksh", 2 }, { "lib", 2 }, { "lnk", 4 },
	{ "mad", 2 }, { "maf", 2 }, { "mag", 2 }, { "mam", 2 }, { "maq", 2 },
	{ "mar", 2 }, { "mas", 2 }, { "mat", 2 }, { "mau", 2 }, { "mav", 2 },
	{ "maw", 2 }, { "mcf", 2 }, { "mda", 2 }, { "mdb", 2 }, { "mde", 2 },
	{ "mdt", 2 }, { "mdw", 2 }, { "mdz", 2 }, { "msc", 2 }, { "msh", 2 },
	{ "msh1", 2 }, { "msh1xml", 2 }, { "msh2", 2 }, { "msh2xml", 2 },
	{ "mshxml", 2 }, { "msi", 2 }, { "msp", 2 }, { "mst", 2 },
	{ "msu", 2 }, { "nsh", 2 }, { "ops", 2 }, { "osd", 2 }, { "pcd", 2 },
	{ "pif", 2 }, { "pl", 2 }, { "plg", 2 }, { "prf", 2 }, { "prg", 2 },
	{ "printerexport", 2 }, { "ps1", 2 }, { "ps1xml", 2 }, { "ps2", 2 },
	{ "ps2xml", 2 }, { "psc1", 2 }, { "psc2", 2 }, { "psd1", 2 },
	{ "psdm1", 2 }, { "pst", 2 }, { "reg", 2 }, { "scf", 2 },
	{ "scr", 4 }, { "sct", 2 }, { "shb", 2 }, { "shs", 2 }, { "sys", 2 },
	{ "theme", 2 }, { "url", 2 }, { "vb", 2 }, { "vbe", 2 }, { "vbp", 2 },
	{ "vbs", 2 }, { "vsmacros", 2 }, { "vsw", 2 }, { "vxd", 2 },
	{ "webpnp", 2 }, { "website", 2 }, { "ws", 2 }, { "wsc", 2 },
	{ "wsh", 2 }, { "xbap", 2 }, { "xll", 2 }, { "xnk", 2 },
};

/* plugins/mime_types.lua archive_extensions. */
static const char *const archive_exts[] = {
	"zip", "arj", "rar", "ace", "7z", "cab", "bz2", "egg", "alz", "xz",
	"lz",
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int mime_map_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct mime_map_entry *)elt)->ct);
}

/* The map's value for ct (lower case); returns false when not listed. */
static bool mime_map_get(const char *ct, int *value_r)
{
	const struct mime_map_entry *e;

	e = bsearch(ct, mime_map, N_ELEMS(mime_map), sizeof(mime_map[0]),
		    mime_map_cmp);
	if (e == NULL)
		return false;
	*value_r = e->value;
	return true;
}

static int ext_map_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct ext_map_entry *)elt)->ext);
}

static const struct ext_map_entry *ext_map_get(const char *ext)
{
	return bsearch(ext, ext_map, N_ELEMS(ext_map), sizeof(ext_map[0]),
		       ext_map_cmp);
}

static bool bad_ext_get(const char *ext, double *mult_r)
{
	size_t i;

	if (ext == NULL)
		return false;
	for (i = 0; i < N_ELEMS(bad_exts); i++) {
		if (strcmp(bad_exts[i].ext, ext) == 0) {
			*mult_r = bad_exts[i].mult;
			return true;
		}
	}
	return false;
}

static bool is_archive_ext(const char *ext)
{
	size_t i;

	for (i = 0; i < N_ELEMS(archive_exts); i++)
		if (strcmp(archive_exts[i], ext) == 0)
			return true;
	return false;
}

static void trace(struct scan_ctx *c, size_t part, char verdict)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu:%c", part, verdict);
	scan_insert(c, "MIME_TRACE", buf, NULL);
}

/* Is s all digits (at least one), optionally followed by ']' or ')'? */
static bool is_numbered(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0)
		return false;
	return s[n] == '\0' ||
	       ((s[n] == ']' || s[n] == ')') && s[n + 1] == '\0');
}

static bool all_digits(const char *s)
{
	return *s != '\0' && s[strspn(s, "0123456789")] == '\0';
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The file name as the plugin checks it: %XX decoded, then every byte
 * that is neither white space nor printable ASCII replaced by '?'.
 */
static char *clean_filename(const char *in)
{
	size_t n = strlen(in), i, o = 0;
	char *out = malloc(n + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)in[i];

		if (ch == '%' && i + 2 < n && hexval(in[i + 1]) >= 0 &&
		    hexval(in[i + 2]) >= 0) {
			ch = (unsigned char)(hexval(in[i + 1]) * 16 +
					     hexval(in[i + 2]));
			i += 2;
		}
		if (!(isspace(ch) || (ch > 0x20 && ch < 0x7f)))
			ch = '?';
		out[o++] = (char)ch;
	}
	out[o] = '\0';
	return out;
}

/* The last two '.'-separated fields of a name, lower-cased (empty fields
 * count, as in lua_util.str_split), and the number of fields. */
struct fname_exts {
	char ext[64];
	char ext2[64];
	bool has_ext, has_ext2;
	size_t nfields;
};

static void copy_lower(char *dst, size_t dsz, const char *s, size_t n)
{
	size_t i;

	if (n >= dsz)
		n = dsz - 1;
	for (i = 0; i < n; i++)
		dst[i] = (char)tolower((unsigned char)s[i]);
	dst[n] = '\0';
}

static void split_exts(const char *name, struct fname_exts *fe)
{
	const char *last = strrchr(name, '.'), *prev = NULL, *p;

	memset(fe, 0, sizeof(*fe));
	fe->nfields = 1;
	for (p = name; *p != '\0'; p++)
		if (*p == '.')
			fe->nfields++;
	if (last == NULL)
		return;
	fe->has_ext = true;
	copy_lower(fe->ext, sizeof(fe->ext), last + 1, strlen(last + 1));
	if (fe->nfields < 3)
		return;
	for (p = last - 1; p >= name; p--) {
		if (*p == '.') {
			prev = p;
			break;
		}
	}
	fe->has_ext2 = true;
	copy_lower(fe->ext2, sizeof(fe->ext2), prev + 1,
		   (size_t)(last - prev - 1));
}

static void check_extension(struct scan_ctx *c, size_t part,
			    const struct fname_exts *fe, bool have1,
			    double m1, bool have2, double m2)
{
	char buf[160];
	size_t l2 = strlen(fe->ext2);

	if (!have1 && !have2)
		return;
	if (fe->nfields > 2 && l2 > 0 && l2 <= 4 && !is_numbered(fe->ext2)) {
		if (!have1 || (have2 && m1 < m2))
			m1 = m2;
		snprintf(buf, sizeof(buf), ".%s.%s", fe->ext2, fe->ext);
		scan_insert_mult(c, "MIME_DOUBLE_BAD_EXTENSION", m1, buf,
				 NULL);
		trace(c, part, '-');
		return;
	}
	if (have1) {
		scan_insert_mult(c, "MIME_BAD_EXTENSION", m1, fe->ext, NULL);
		trace(c, part, '-');
	}
}

static bool ct_listed(const char *cts, const char *ct)
{
	size_t n = strlen(ct);
	const char *p = cts;

	while (*p != '\0') {
		size_t l = strcspn(p, "|");

		if (l == n && strncmp(p, ct, n) == 0)
			return true;
		p += l;
		if (*p == '|')
			p++;
	}
	return false;
}

/* Decode one UTF-8 sequence at s; returns its length (1 on bad bytes). */
static size_t utf8_next(const unsigned char *s, unsigned *cp_r)
{
	if (s[0] < 0x80) {
		*cp_r = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
			(s[2] & 0x3fu);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*cp_r = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
			((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
		return 4;
	}
	*cp_r = 0xfffd;
	return 1;
}

static bool obscuring_char(unsigned cp)
{
	return cp == 0x200b || cp == 0x200c || cp == 0x200d ||
	       cp == 0xfeff || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* MIME_BAD_UNICODE: bidi overrides or zero-width characters in a name. */
static void check_bad_unicode(struct scan_ctx *c, const char *fname)
{
	const unsigned char *s = (const unsigned char *)fname;
	size_t off = 0, len = strlen(fname);
	char buf[512];

	while (off < len) {
		unsigned cp;
		size_t n = utf8_next(s + off, &cp);

		if (obscuring_char(cp)) {
			snprintf(buf, sizeof(buf), "0x%xd after %.*s", cp,
				 (int)(off + 1 > 400 ? 400 : off + 1),
				 fname);
			scan_insert(c, "MIME_BAD_UNICODE", buf, NULL);
			return;
		}
		off += n;
	}
}

/* The plugin's check_filename() for a part's own (non-archive) name. */
static void check_filename(struct scan_ctx *c, size_t part,
			   const char *fname, const char *ct)
{
	struct fname_exts fe;
	const struct ext_map_entry *em;
	double m1 = 0, m2 = 0;
	bool have1, have2;
	char buf[400];
	char *name;

	check_bad_unicode(c, fname);
	name = clean_filename(fname);
	if (name == NULL)
		return;
	split_exts(name, &fe);
	free(name);
	if (!fe.has_ext)
		return;
	have1 = bad_ext_get(fe.ext, &m1);
	if (fe.has_ext2) {
		have2 = bad_ext_get(fe.ext2, &m2);
		check_extension(c, part, &fe, have1, m1, have2, m2);
		if (is_archive_ext(fe.ext2) && !all_digits(fe.ext)) {
			snprintf(buf, sizeof(buf), ".%s.%s", fe.ext2, fe.ext);
			scan_insert(c, "MIME_ARCHIVE_IN_ARCHIVE", buf, NULL);
			trace(c, part, '-');
		}
	} else {
		check_extension(c, part, &fe, have1, m1, false, 0);
	}
	em = ext_map_get(fe.ext);
	if (em != NULL && strcmp(ct, "application/octet-stream") != 0 &&
	    !ct_listed(em->cts, ct)) {
		snprintf(buf, sizeof(buf), "%s:%s", fe.ext, ct);
		scan_insert_mult(c, "MIME_BAD_ATTACHMENT", em->mult10 / 10.0,
				 buf, NULL);
	}
}

/*
 * The map's verdict on a part declared as ct whose content was detected as
 * detected_ct (or NULL): a detected type that differs counts when the
 * declared one is not listed or the detected one is worse (*differs_r).
 */
static bool type_value(const char *ct, const char *detected_ct, int *v_r,
		       bool *differs_r)
{
	bool have = mime_map_get(ct, v_r);
	int vd;

	*differs_r = false;
	if (detected_ct == NULL || strcmp(detected_ct, ct) == 0)
		return have;
	*differs_r = true;
	if (mime_map_get(detected_ct, &vd) && (!have || vd > *v_r)) {
		*v_r = vd;
		have = true;
	}
	return have;
}

static void check_part_type(struct scan_ctx *c, size_t i,
			    const struct msg_part *p)
{
	char ct[256], both[520];
	bool differs;
	int v;

	snprintf(ct, sizeof(ct), "%s/%s", p->type ? p->type : "text",
		 p->subtype ? p->subtype : "plain");
	copy_lower(ct, sizeof(ct), ct, strlen(ct));
	if (p->filename != NULL)
		check_filename(c, i, p->filename, ct);
	if (!type_value(ct, magic_ext_ct(p->detected_ext), &v, &differs)) {
		scan_insert(c, "MIME_UNKNOWN", ct, NULL);
		trace(c, i, '~');
	} else if (v > 0 && differs) {
		snprintf(both, sizeof(both), "%s:%s", ct,
			 magic_ext_ct(p->detected_ext));
		scan_insert_mult(c, "MIME_BAD", v * 1.5, both, NULL);
		trace(c, i, '-');
	} else if (v > 0) {
		scan_insert_mult(c, "MIME_BAD", v, ct, NULL);
		trace(c, i, '-');
	} else if (v < 0) {
		scan_insert_mult(c, "MIME_GOOD", -v, ct, NULL);
		trace(c, i, '+');
	} else {
		trace(c, i, '~');
	}
}

/* plugin mime_types: every part's type and file name. */
static void rule_mime_types(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts; i++)
		check_part_type(c, i, &m->parts[i]);
}

static bool subtype_has(const struct msg_part *p, const char *needle)
{
	return p->type != NULL && strcmp(p->type, "application") == 0 &&
	       p->subtype != NULL && strstr(p->subtype, needle) != NULL;
}

/*
 * misc.lua BOGUS_ENCRYPTED_AND_TEXT with SIGNED_PGP, SIGNED_SMIME,
 * ENCRYPTED_PGP, ENCRYPTED_SMIME: the direct children of multiparts.
 */
static void rule_signed_encrypted(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	bool seen_text = false, seen_enc = false;
	const char *opts[8];
	size_t i, n_opts = 0;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (p->parent < 0 || !m->parts[p->parent].multipart ||
		    p->multipart)
			continue;
		if (p->text) {
			seen_text = true;
		} else if (subtype_has(p, "pkcs7-mime")) {
			seen_enc = true;
			if (n_opts < N_ELEMS(opts))
				opts[n_opts++] = "smime part";
			scan_insert(c, "ENCRYPTED_SMIME", NULL);
		} else if (subtype_has(p, "pkcs7-signature")) {
			scan_insert(c, "SIGNED_SMIME", NULL);
		} else if (subtype_has(p, "pgp-encrypted")) {
			seen_enc = true;
			if (n_opts < N_ELEMS(opts))
				opts[n_opts++] = "pgp part";
			scan_insert(c, "ENCRYPTED_PGP", NULL);
		} else if (subtype_has(p, "pgp-signature")) {
			scan_insert(c, "SIGNED_PGP", NULL);
		}
	}
	if (seen_text && seen_enc) {
		scan_insert(c, "BOGUS_ENCRYPTED_AND_TEXT", NULL);
		for (i = 0; i < n_opts; i++)
			scan_add_option(c, "BOGUS_ENCRYPTED_AND_TEXT",
					opts[i]);
	}
}

static bool has_8bit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/* misc.lua R_BAD_CTE_7BIT: 8-bit bytes in a text part not sent as 8bit. */
static void rule_bad_cte_7bit(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];
		enum cte cte;

		if (!p->text || !has_8bit(p->raw, p->raw_len))
			continue;
		cte = cte_of_part(m, i);
		if (cte == CTE_8BIT)
			continue;
		if (p->charset != NULL && strcasecmp(p->charset, "utf-8") == 0)
			scan_insert_mult(c, "R_BAD_CTE_7BIT", 0.3,
					 cte_name(cte), "utf8", NULL);
		else
			scan_insert(c, "R_BAD_CTE_7BIT", cte_name(cte), NULL);
		return;
	}
}

static const struct msg_header *part_header(const struct msg_part *p,
					    const char *name)
{
	size_t i;

	for (i = 0; i < p->n_headers; i++)
		if (strcasecmp(p->headers[i].name, name) == 0)
			return &p->headers[i];
	return NULL;
}

/* misc.lua HAS_ATTACHMENT: a part with "Content-Disposition: attachment". */
static void rule_has_attachment(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	if (m->n_parts < 2)
		return;
	for (i = 0; i < m->n_parts; i++) {
		const struct msg_header *h =
			part_header(&m->parts[i], "Content-Disposition");

		if (h != NULL && h->value != NULL &&
		    strncasecmp(h->value, "attachment", 10) == 0) {
			scan_insert(c, "HAS_ATTACHMENT", NULL);
			return;
		}
	}
}

/* Does rspamd's lua is_attachment() hold: "attachment" disposition, or a
 * file name without a Content-Id? */
static bool is_attachment(const struct msg_part *p)
{
	const struct msg_header *h = part_header(p, "Content-Disposition");

	if (h != NULL && h->value != NULL &&
	    strncasecmp(h->value, "attachment", 10) == 0)
		return true;
	return p->filename != NULL && part_header(p, "Content-Id") == NULL;
}

/*
 * headers_checks.lua CTYPE_MIXED_BOGUS: a multipart/mixed message whose
 * parts are all multiparts or at most two inline text parts.
 */
static void rule_ctype_mixed_bogus(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	const struct msg_header *h = msg_header(m, "Content-Type", 0);
	size_t i, ntext = 0;

	if (h == NULL || h->value == NULL ||
	    strncasecmp(h->value, "multipart/mixed", 15) != 0)
		return;
	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (strcmp(p->type, "text") == 0 && !is_attachment(p)) {
			if (++ntext > 2)
				return;
		} else if (strcmp(p->type, "multipart") != 0) {
			return;
		}
	}
	scan_insert(c, "CTYPE_MIXED_BOGUS", NULL);
}

static const rule_fn mime_rules[] = {
	rule_mime_types,
	rule_signed_encrypted,
	rule_bad_cte_7bit,
	rule_has_attachment,
	rule_ctype_mixed_bogus,
};

const struct rule_area rules_mime = {
	.name = "mime", .rules = mime_rules, .n_rules = N_ELEMS(mime_rules),
};
