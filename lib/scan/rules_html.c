/*
 * rules_html.c - HTML and link rules: rspamd 3.4's rules/html.lua
 * (MIME_HTML_ONLY, HTTP_TO_IP, MANY_INVISIBLE_PARTS, ZERO_FONT, EXT_CSS),
 * the phishing plugin's displayed-link check (PHISHING, REDIRECTOR_FALSE)
 * and the hfilter plugin's URL checks (HFILTER_URL_ONLY,
 * HFILTER_URL_ONELINE).
 *
 * Owns: the packaged redirector exception list (maps.d/redirectors.inc,
 * transcribed as data).
 *
 * PHISHING follows the plugin: an <a> whose visible text holds a URL with
 * a different registrable domain than the href is phished; the weight
 * falls with the edit distance between the two domains; hrefs to known
 * redirectors insert REDIRECTOR_FALSE instead. The option is
 * "<shown domain>-><href domain>".
 *
 * Not done: rules needing image sizes or the element tree
 * (R_SUSPICIOUS_IMAGES, R_EMPTY_IMAGE, HTML_SHORT_LINK_IMG_*), the
 * transparent-text rule R_WHITE_ON_WHITE, and phishing's confusable-unicode
 * test.
 */
#include "rules.h"
#include "areas.h"

#include <ctype.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "urls.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* maps.d/redirectors.inc (lower case, sorted). */
static const char *const redirectors[] = {
	"000d.ru",
	"0845.com",
	"0c.ru",
	"0lv.ru",
	"0pen.me",
	"0rz.tw",
	"1-url.net",
	"1-url.ru",
	"10r.us",
	"123url.org",
	"140.uz",
	"17q.com",
	"1c-bitrix.ru",
	"1cl.in",
	"1ink.in",
	"1ink.ru",
	"1iny.com",
	"1lik.net",
	"1link.in",
	"1url.com",
	"1url.in",
	"2.gp",
	"2.ly",
	"2big.at",
	"2dwww.com",
	"2it.info",
	"2mb.eu",
	"2qu.ru",
	"2sms.ru",
	"2tu.me",
	"2tu.us",
	"2url.org",
	"3.ly",
	"3.vu",
	"307.to",
	"3fw.ru",
	"3le.ru",
	"3x.si",
	"4.gg",
	"4.ly",
	"4job.ru",
	"4ms.me",
	"4p5.com",
	"4ry.ru",
	"4sq.com",
	"4u.gd",
	"4url.cc",
	"4url.tk",
	"5.gp",
	"5link.tk",
	"5pl.us",
	"5url.net",
	"5z8.info",
	"6.ly",
	"6fr.ru",
	"6pn.com",
	"6url.com",
	"6yo.org",
	"7.ly",
	"70.ru",
	"74job.ru",
	"7ly.ru",
	"7pisem.ru",
	"7ruh.com",
	"7ry.us",
	"7xu.org",
	"8.ly",
	"8q.ro",
	"9-n.org",
	"9mp.com",
	"9xi.ru",
	"a.gg",
	"a.md",
	"a.nf",
	"a1.tc",
	"a2k.in",
	"aa.cx",
	"aafter.us",
	"abe5.com",
	"access.im",
	"action-emails.ru",
	"ad.vu",
	"ad4.us",
	"adf.ly",
	"adjix.com",
	"adsbeta.net",
	"afx.cc",
	"ah.ae",
	"aipro.ru",
	"airs.ru",
	"aka-url.com",
	"alic.at",
	"all-top.ru",
	"all.fuseurl.com",
	"allshort.ru",
	"alturl.com",
	"amzn.to",
	"apeurl.com",
	"api.m3653.net",
	"apsense.cc",
	"apu.sh",
	"ar.gy",
	"arm.in",
	"arst.ch",
	"atiny.me",
	"atto.co.za",
	"atu.ca",
	"autodesk.com",
	"avast.com",
	"avoo.net",
	"azc.cc",
	"b23.ru",
	"b2l.me",
	"backupurl.com",
	"bacn.me",
	"bai.lu",
	"bcool.bz",
	"bezurl.com",
	"bi.gl",
	"bin.nu",
	"binged.it",
	"bit.do",
	"bit.gy",
	"bit.ly",
	"bit.uz",
	"bitby.net",
	"bitly.com",
	"biturl.net",
	"bizj.us",
	"bloat.me",
	"bmu.li",
	"boi.re",
	"bq.ro",
	"bravo.ly",
	"briefurl.pl",
	"bsa.ly",
	"bsndsy.ru",
	"bu.tt",
	"budurl.com",
	"bun.ru",
	"byst.ro",
	"byyb.net",
	"bz9.com",
	"campaign-services.directcrm.ru",
	"canurl.com",
	"capello.linkatty.com",
	"capourl.com",
	"care2share.tk",
	"cbs.so",
	"cbuz.com",
	"cctv.ws",
	"cd.vg",
	"cektkp.com",
	"cha.la",
	"chilp.it",
	"chzb.gr",
	"cjb.net",
	"cjt99.tk",
	"cl.lk",
	"cl.ly",
	"clck.ru",
	"cli.gs",
	"cliccami.info",
	"click-me.us",
	"click.email4customers.com",
	"click.emailinfo.mail.hpe.com",
	"click.icptrack.com",
	"click2.info",
	"clickthru.ca",
	"clickv.tk",
	"clkit.co",
	"clme.ru",
	"cloakreferer.com",
	"clockurl.com",
	"clop.in",
	"cms.im",
	"cmylink.com",
	"cnect.us",
	"comyonet.com",
	"conta.cc",
	"coolestone.com",
	"cort.as",
	"cortas.elpais.com",
	"cot.ag",
	"cowurl.com",
	"cp.bitrix.ru",
	"cr.am",
	"createurl.com",
	"crks.me",
	"crlf.ru",
	"crop.im",
	"crum.pl",
	"ctvr.us",
	"cug.kr",
	"cut.by",
	"cut4.me",
	"cuthut.com",
	"cutt.us",
	"d2u.us",
	"d8z.ru",
	"da.lc",
	"dai.ly",
	"ddp.net",
	"decenturl.com",
	"delivr.com",
	"dev0.ru",
	"dft.ba",
	"di.gd",
	"digbig.com",
	"digg.com",
	"digidns.net",
	"din.gy",
	"directtrafficlink.com",
	"disq.us",
	"dld.bz",
	"dlvr.it",
	"dmanalytics1.com",
	"do.my",
	"doiop.com",
	"dopen.us",
	"dot.tk",
	"dr.tl",
	"dr2.biz",
	"driz.ru",
	"durlz.info",
	"e.mail.ru",
	"easyuri.com",
	"easyurl.jp",
	"easyurl.net",
	"eepurl.com",
	"ej.uz",
	"elurl.com",
	"em.digium.com",
	"email.account.2gis.com",
	"email.mail.ostrovok.ru",
	"email.news.ostrovok.ru",
	"emap.ws",
	"etdurl.com",
	"eweri.com",
	"exa.im",
	"f1ru.net",
	"fa.by",
	"fanta.linkatty.com",
	"fav.me",
	"fb.me",
	"fbi.pp.ua",
	"fbshare.me",
	"ff.im",
	"fff.to",
	"ffs.cc",
	"fi.gd",
	"fire.to",
	"firsturl.de",
	"firsturl.net",
	"fishurl.ru",
	"flane.info",
	"flavr.be",
	"flic.kr",
	"flq.us",
	"flx.im",
	"fly2.ws",
	"fo.my",
	"folo.me",
	"fon.gs",
	"forex-trade.be",
	"fqav.com",
	"freak.to",
	"free-redirect.tk",
	"free-url-redirection.com.ru",
	"freepl.us",
	"freeurl.me",
	"fur.ly",
	"fuseurl.com",
	"fuzzy.to",
	"fwd4.me",
	"fwds.me",
	"fwib.net",
	"fyad.org",
	"fyn.im",
	"g.ro.lt",
	"g.ua",
	"g00.me",
	"gadaf.fi",
	"game-url.com",
	"gentleurl.net",
	"get.sh",
	"get.tf",
	"geteml.com",
	"getlink.info",
	"gho.co",
	"gig140.com",
	"gizmo.do",
	"gl.am",
	"glink.co",
	"gltw.ru",
	"gmetzner.de",
	"gmy.su",
	"gnu.su",
	"go-links.net",
	"go-url.ru",
	"go.9nl.com",
	"go.it",
	"go.ly",
	"go.qb.by",
	"go.usa.gov",
	"go2-url.com",
	"go9.us",
	"goandgrab.info",
	"gog.tc",
	"golook.at",
	"goo.gl",
	"goo.pm",
	"good.ly",
	"goshrink.com",
	"gosite.in",
	"goto.pattayacitythailand.com",
	"gourl.ca",
	"gourl.gr",
	"gourl.it",
	"gri.bz",
	"gtgg.us",
	"gu.ma",
	"gurl.es",
	"haqm.com",
	"hex.io",
	"hhvx.com",
	"hi.kg",
	"hiderefer.com",
	"hijw.com",
	"hit.kg",
	"hj.to",
	"hlurl.com",
	"hmm.ph",
	"ho.io",
	"ho.pe",
	"hop.clickbank.net",
	"hop.kz",
	"hopclicks.com",
	"href.in",
	"hsblinks.com",
	"htxt.it",
	"hubb.me",
	"huff.to",
	"hulu.com",
	"hurl.me",
	"hurl.ws",
	"huuk.net",
	"hvmnd.org",
	"i2h.de",
	"i5.be",
	"icanhaz.com",
	"idek.net",
	"idelink.com",
	"ifree.kz",
	"ih3.ru",
	"ikeafamilynews.ru",
	"ilix.in",
	"ilnk.me",
	"informer.ru",
	"innogam.es",
	"ino.me",
	"int.kz",
	"ipsha.ru",
	"ir.pe",
	"is.gd",
	"is.gs",
	"issuu.com",
	"its.my",
	"itshrunk.com",
	"iurlz.com",
	"ix.lt",
	"ixr.be",
	"j.mp",
	"j3w.it",
	"ja.cx",
	"jdem.cz",
	"jewi.sh",
	"jijr.com",
	"jmb.tw",
	"jom.la",
	"joo.ru",
	"just.as",
	"juu.cc",
	"keep2.me",
	"ki.tl",
	"kickurl.com",
	"kipq.com",
	"kisaurl.com",
	"kl.am",
	"klck.me",
	"klik.sihitam.com",
	"klx.co",
	"knb.im",
	"kon.tl",
	"kore.us",
	"korta.nu",
	"kqon.com",
	"kr1n.ru",
	"krunchd.com",
	"krz.ch",
	"ktzr.us",
	"l.pr",
	"l24.cm",
	"l3ss.me",
	"l9k.net",
	"lat.ms",
	"lavvs.com",
	"lcut.us",
	"leeturl.net",
	"leto.tk",
	"li.ru",
	"liip.to",
	"liltext.com",
	"lin.io",
	"link.ac",
	"link.hhut.ru",
	"link.mail.e.glavbukh-mail.ru",
	"link.rengo.ru",
	"link.sendsay.ru",
	"link2me.ru",
	"linkbee.com",
	"linkbun.ch",
	"linkcash.biz",
	"linkde.info",
	"linkee.com",
	"linkl.ru",
	"linkslash.ca",
	"linkunion.de",
	"linkx.me",
	"linkyy.com",
	"linkzip.net",
	"lip.tc",
	"list-manage.com",
	"list-manage1.com",
	"list-manage2.com",
	"little.im",
	"littleurl.net",
	"liurl.cn",
	"livehoster.org",
	"llinks.net",
	"ln-s.net",
	"ln-s.ru",
	"ln0.ru",
	"ln4.me",
	"lnk.by",
	"lnk.cm",
	"lnk.co",
	"lnk.gd",
	"lnk.in",
	"lnk.ly",
	"lnk.ms",
	"lnk.sk",
	"lnkd.in",
	"lnks.it",
	"lnkstts.com",
	"lnkurl.com",
	"loh.ru",
	"loo.gl",
	"lovebyt.es",
	"low.cc",
	"lr.tc",
	"lru.jp",
	"lrwk.com",
	"lt.tl",
	"ltos.ru",
	"lul.es",
	"lurl.no",
	"lx2.net",
	"ly9.net",
	"m4u.in",
	"m7a.org",
	"macte.ch",
	"mail.rambler.ru",
	"mandrillapp.com",
	"mash.to",
	"mee.la",
	"merky.de",
	"metamark.net",
	"micurl.com",
	"migre.me",
	"miliuner.com",
	"miniurl.com",
	"miniurl.net.ru",
	"miniurl.pl",
	"minu.me",
	"minurl.fr",
	"minyurl.net",
	"minyurl.org",
	"mislead.in",
	"miud.in",
	"mixe.me",
	"mke.me",
	"mlcampaignru.com",
	"mlsendru.com",
	"mmt.su",
	"mo.by",
	"mobotix-news.com",
	"moby.to",
	"mockurl.com",
	"moourl.com",
	"mp77.com",
	"mrte.ch",
	"mtp.pl",
	"mty.in",
	"mug.gs",
	"murl.kz",
	"mvp.im",
	"mylink.to",
	"mylink4u.info",
	"myloc.me",
	"myooo.info",
	"mypaqe.com",
	"mypl.us",
	"mytinyurl.net",
	"myurl.in",
	"myurl.si",
	"myxx.me",
	"mzan.si",
	"n.pr",
	"n3n.in",
	"n3r.ru",
	"nbc.co",
	"nblo.gs",
	"nbold.com",
	"ne1.net",
	"netgod.tk",
	"neuf.tk",
	"newhotlink.com",
	"nexturl.ru",
	"nicesharing.com",
	"nik.im",
	"niurl.com",
	"nl.cr",
	"nn.nf",
	"no.io",
	"no1.in",
	"nonameno.com",
	"normalurl.com",
	"not.my",
	"notlong.com",
	"now.am",
	"nsfw.in",
	"nutshellurl.com",
	"nxy.in",
	"nyti.ms",
	"o-x.fr",
	"o.ly",
	"oc1.us",
	"oeeq.com",
	"oiurl.com",
	"om.ly",
	"omf.gd",
	"omoikane.net",
	"on.cnn.com",
	"on.mktw.net",
	"oogyah.com",
	"oork.com",
	"opurl.us",
	"orbita.co.il",
	"orz.se",
	"ourgplus.at",
	"out.houseofgaga.ru",
	"ovr.me",
	"ow.ly",
	"p.ly",
	"p.tl",
	"p1.fr",
	"pathto.net",
	"pb8.ru",
	"pburl.com",
	"pcw.ro",
	"pduda.mobi",
	"pechkincensor.ru",
	"pechkinspy.ru",
	"peeep.us",
	"peekurl.com",
	"pendek.in",
	"penting.web.id",
	"pfat.de",
	"pho.se",
	"php-ru.info",
	"phpm.ru",
	"pi90.com",
	"picourl.ru",
	"piks.nl",
	"ping.fm",
	"pli.gs",
	"plink.es",
	"plo.cc",
	"ploshadka.ru",
	"plugin.name",
	"plusphp.com",
	"pnt.me",
	"pobierz-film.tk",
	"politi.co",
	"ponyurl.com",
	"poo.pr",
	"post.ly",
	"pot.vg",
	"pp.gg",
	"ppt.cc",
	"pra.im",
	"privacy-surf.com",
	"proext.com",
	"professionali.ru",
	"profile.to",
	"prourl.de",
	"ptiturl.com",
	"pub.vitrue.com",
	"punyurl.com",
	"purl.org",
	"pvh.me",
	"pw.ly",
	"pxlz.org",
	"py6.ru",
	"pygmyurl.com",
	"pysper.com",
	"q32.ru",
	"qick.ws",
	"qid.in",
	"qkr.cc",
	"qlnk.net",
	"qlql.ru",
	"qnh.pl",
	"qr.cx",
	"qr.ee",
	"qr.net",
	"qrf.in",
	"qru.ru",
	"qte.me",
	"qtwk.com",
	"qu.tc",
	"quik.in",
	"qurl.com",
	"qz.bz",
	"r-ss.de",
	"r.delphicomponent.ru",
	"r.im",
	"rb6.me",
	"rdr.to",
	"rdrct.us",
	"read.bi",
	"readthis.ca",
	"reallytinyurl.com",
	"redir.ec",
	"redire.ru",
	"redirect.subscribe.ru",
	"redirectingat.com",
	"redirects.ca",
	"redirx.com",
	"reduc.in",
	"referer.us",
	"retweet.cc",
	"retwt.me",
	"reurl.org",
	"rhwm.eu",
	"ri.ms",
	"rickroll.it",
	"riz.gd",
	"rlu.ru",
	"rmse.ru",
	"rnd.ru",
	"romb.su",
	"rt.nu",
	"ru.ly",
	"rubyurl.com",
	"rurl.org",
	"rurl.ru",
	"rurls.ru",
	"rustech.org",
	"rww.tw",
	"s-m.co",
	"s.coop",
	"s0bu.ru",
	"s0e.ru",
	"s4c.in",
	"s7y.us",
	"s8.hk",
	"saf.li",
	"safe.mn",
	"sami.24.gg",
	"sayabit.com",
	"scurtare-url.hi2.ro",
	"sdut.us",
	"securityexpert.ru",
	"securl.ru",
	"sendgrid.net",
	"sendit.in",
	"sendsay.ru",
	"sendurl.info",
	"sg-url.tk",
	"sg4d.com",
	"shadyurl.com",
	"shar.es",
	"share.flocktory.com",
	"shink.de",
	"shiturl.com",
	"shli.de",
	"shorl.com",
	"short-me.com",
	"short-url.co.uk",
	"short.ie",
	"short.im",
	"short.nr",
	"short.su",
	"short.to",
	"shortb.net",
	"shorten.im",
	"shorten.ws",
	"shortlinks.co.uk",
	"shortn.me",
	"shortner.com",
	"shorturl.asia",
	"shorturl.com",
	"shorturls.co.uk",
	"shortz.me",
	"shout.to",
	"show.my",
	"shrinkee.com",
	"shrinkify.com",
	"shrinkr.com",
	"shrt.fr",
	"shrt.st",
	"shrten.com",
	"shrtl.com",
	"shrunkin.com",
	"shx.in",
	"simplesite.com",
	"simurl.com",
	"sitefwd.com",
	"sk9.pl",
	"sl.to",
	"slate.me",
	"sli.su",
	"slki.ru",
	"smallr.com",
	"smallurl.in",
	"smallurl.ru",
	"smalur.com",
	"smsh.me",
	"smurl.ca",
	"smurl.name",
	"sn.im",
	"sn9.ru",
	"snipr.com",
	"snipurl.com",
	"snurl.com",
	"so.vg",
	"softlinemail.ru",
	"sokrati.ru",
	"somexyz.com",
	"song.ly",
	"sorturl.net",
	"sp2.ro",
	"spedr.com",
	"speed-tester.info",
	"sq6.ru",
	"srclick.ru",
	"srcom.net",
	"srnk.net",
	"srs.li",
	"srtn.me",
	"starts.com",
	"starturl.com",
	"stat-pulse.com",
	"stnx.at",
	"stump.ws",
	"su.ly",
	"su.pr",
	"surl.co.uk",
	"surl.hu",
	"surl.me",
	"surs.nl",
	"susurl.com",
	"swturl.com",
	"t.cn",
	"t.co",
	"t.lh.com",
	"t1ny.net",
	"ta.gd",
	"ta.gg",
	"tagiturl.com",
	"taourl.com",
	"tbd.ly",
	"tcrn.ch",
	"techto.us",
	"tez.co",
	"tgl.net",
	"tgr.me",
	"tgr.ph",
	"th.ly",
	"th8.us",
	"thexyz.org",
	"thinfi.com",
	"thnlnk.com",
	"thurl.in",
	"tie.ly",
	"tighturl.com",
	"tin.cc",
	"tiniuri.com",
	"tiny.by",
	"tiny.cc",
	"tiny.ly",
	"tiny.pl",
	"tiny.ps",
	"tiny9.com",
	"tinyarro.ws",
	"tinyit.cc",
	"tinylink.ca",
	"tinylink.in",
	"tinyuri.ca",
	"tinyurl.com",
	"tinyurl.ru",
	"tki.me",
	"tl.gd",
	"tldr.in",
	"tlim.ru",
	"tllg.net",
	"tmi.me",
	"tnij.org",
	"tny.com",
	"tny.tc",
	"to.je",
	"to.ly",
	"to8.cc",
	"togoto.us",
	"toma.ai",
	"tos.co",
	"totc.us",
	"tourl.fr",
	"toysr.us",
	"tozm.com",
	"tpm.ly",
	"tr.im",
	"tra.kz",
	"trg.li",
	"trii.us",
	"trimurl.me",
	"trunc.it",
	"trusteml.com",
	"tty.su",
	"tuckinfo.com",
	"tux-pla.net",
	"tvsl.eu",
	"tweet.ms",
	"tweez.me",
	"twhub.com",
	"twirl.at",
	"twitclicks.com",
	"twitter.com",
	"twitterurl.net",
	"twiturl.de",
	"twiu.ru",
	"twurl.cc",
	"twurl.nl",
	"tyny.me",
	"u.info-mg.ru",
	"u.mavrev.com",
	"u.nu",
	"u.to",
	"u2s.in",
	"u76.org",
	"ub0.cc",
	"ukril.ru",
	"ulk.me",
	"ulmart.ru",
	"ulo.me",
	"ulu.lu",
	"umenytt.se",
	"unfake.it",
	"updating.me",
	"ur.ly",
	"ur1.ca",
	"ur3.us",
	"ural-tender.ru",
	"url-go.com",
	"url-zip.com",
	"url.az",
	"url.b24.am",
	"url.cn",
	"url.co.uk",
	"url.dflix.net",
	"url.g4team.com",
	"url.ie",
	"url.lotpatrol.com",
	"url.mk.ua",
	"url.shinri.biz",
	"url.vsofte.ru",
	"url.yanclex.com",
	"url2.ru",
	"url3.ru",
	"url360.me",
	"url4.eu",
	"url4.ru",
	"url4t.com",
	"url5.ru",
	"url66.com",
	"urla.ru",
	"urlbit.us",
	"urlborg.com",
	"urlbrief.com",
	"urlcantik.com",
	"urlclick.ru",
	"urlcorta.es",
	"urlcover.com",
	"urlcut.com",
	"urldefender.com",
	"urldepo.ru",
	"urle.us",
	"urlel.com",
	"urlenco.de",
	"urlg.in",
	"urlgator.com",
	"urlgeo.me",
	"urlgo.ru",
	"urli.nl",
	"urlin.it",
	"urlink.eu",
	"urlite.de",
	"urlmint.com",
	"urlms.com",
	"urloid.com",
	"urloo.com",
	"urlot.com",
	"urlredo.com",
	"urls.co.za",
	"urls.im",
	"urls.vg",
	"urlscott.com",
	"urlshort.me",
	"urlshorteningservicefortwitter.com",
	"urlsim.com",
	"urlsnip.com",
	"urlsp.in",
	"urlsqueeze.com",
	"urltwit.com",
	"urlu.ms",
	"urlus.ru",
	"urlx.ie",
	"urlxs.fr",
	"urlz.at",
	"urlz.ro",
	"urlzen.com",
	"usat.ly",
	"use.my",
	"uud.in",
	"uuu.su",
	"uww.me",
	"uyurl.com",
	"vani.sh",
	"vash-repetitor.ru",
	"vb.ly",
	"vc8.net",
	"vgn.am",
	"view.my",
	"vk.cc",
	"vl.am",
	"vll.me",
	"vog.me",
	"vovka.com",
	"vst.tv",
	"w3t.org",
	"w55.de",
	"wa.la",
	"wapo.st",
	"wapurl.co.uk",
	"warble.co",
	"webformyself.com",
	"weblist.kharkov.ua",
	"weburl.me",
	"weeclix.com",
	"wez.su",
	"whspr.it",
	"widg.me",
	"wik.ro",
	"wipi.es",
	"wlatcy-moch.tk",
	"wlink.me.uk",
	"wmturls.com",
	"wom.im",
	"wowurl.com",
	"wp.me",
	"wp.nu",
	"wurl.in",
	"wurl.us",
	"wuw.su",
	"ww.tl",
	"www.clickmeeting.com",
	"www.grandstreamnetworks.ru",
	"wz.ae",
	"x-url.com",
	"x.vu",
	"x2t.com",
	"xaa.su",
	"xav.cc",
	"xcqv.com",
	"xcs.me",
	"xd5.net",
	"xdvn.net",
	"xew.co",
	"xops.fr",
	"xp.cm",
	"xr.com",
	"xrl.in",
	"xrl.us",
	"xrls.tk",
	"xurl.es",
	"xurl.jp",
	"xvx.su",
	"xw6.com",
	"xxsurl.de",
	"xxw.me",
	"y-url.ru",
	"y.ahoo.it",
	"yatuc.com",
	"ydn.ru",
	"ye.pe",
	"yep.it",
	"yfrog.com",
	"yhoo.it",
	"yi.pe",
	"yiyd.com",
	"ysu.me",
	"yuarel.com",
	"yurl.in",
	"yurl.ru",
	"z0p.de",
	"z2z.ca",
	"zapt.in",
	"zazi.me",
	"zcom.us",
	"zebratelecom.ru",
	"zeep.in",
	"zi.ma",
	"zi.mu",
	"zio.in",
	"zipmyurl.com",
	"zolp.net",
	"zrps.info",
	"zti.me",
	"zud.me",
	"zurl.ws",
	"zxc9.com",
	"zz.gd",
	"zzang.kr",
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static bool is_redirector(const char *dom)
{
	return dom != NULL && bsearch(dom, redirectors, N_ELEMS(redirectors),
				      sizeof(redirectors[0]), str_cmp) != NULL;
}

/*
 * rspamd 3.4's has_only_html_part(), as it behaves: the first text part is
 * HTML (a text/plain part after it does not matter; checked with the real
 * rspamd, tests/unit/test-scan-mimeparts.c).
 */
static void rule_html_only(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts && !m->parts[i].text; i++)
		;
	if (i < m->n_parts && m->parts[i].html)
		scan_insert(c, "MIME_HTML_ONLY", NULL);
}

/* "http://" or "https://" then four dot-separated digit runs. */
static bool url_to_ip(const char *u)
{
	int k;

	if (strncasecmp(u, "http://", 7) == 0)
		u += 7;
	else if (strncasecmp(u, "https://", 8) == 0)
		u += 8;
	else
		return false;
	for (k = 0; k < 4; k++) {
		if (!isdigit((unsigned char)*u))
			return false;
		while (isdigit((unsigned char)*u))
			u++;
		if (k < 3 && *u++ != '.')
			return false;
	}
	return true;
}

/* html.lua HTTP_TO_IP: an anchor of the first HTML part points to an IP. */
static void rule_http_to_ip(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i, j;

	for (i = 0; i < m->n_parts; i++) {
		if (!m->parts[i].text || !m->parts[i].html)
			continue;
		for (j = 0; j < m->n_urls; j++) {
			const struct msg_url *u = &m->urls[j];

			if (u->part == (int)i && u->source == MSG_URL_HTML &&
			    u->display != NULL && url_to_ip(u->url)) {
				scan_insert(c, "HTTP_TO_IP", NULL);
				return;
			}
		}
		return;
	}
}

/* html.lua HTML_VISIBLE_CHECKS: MANY_INVISIBLE_PARTS. */
static void rule_invisible(struct scan_ctx *c)
{
	static const double rates[] = {
		0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0,
	};
	const struct msg *m = scan_msg(c);
	int n = 0;
	size_t i;
	char buf[16];

	for (i = 0; i < m->n_parts; i++)
		if (m->parts[i].text && m->parts[i].html)
			n += m->parts[i].html_invisible_count;
	if (n <= 0)
		return;
	if (n > 10)
		n = 10;
	snprintf(buf, sizeof(buf), "%d", n);
	scan_insert_mult(c, "MANY_INVISIBLE_PARTS", rates[n - 1], buf, NULL);
}

/* g_unichar_isalnum/isalpha of the (non-ASCII) character at s. */
static bool word_char(const char *s, bool *alpha)
{
	gunichar ch = g_utf8_get_char(s);

	*alpha = g_unichar_isalpha(ch);
	return *alpha || g_unichar_isalnum(ch);
}

/*
 * The number of words in a part's text, near rspamd's tokenizer: runs of
 * letters and digits (any script) with at least one letter. ASCII bytes
 * are classified without decoding (glib's Unicode classes are the ASCII
 * ones there). Stops once limit words are counted (the result is then at
 * least limit).
 */
static size_t count_words(const char *s, size_t limit)
{
	size_t n = 0;
	bool in_word = false, letter = false, alpha, w;
	unsigned char b;

	for (; s != NULL && *s != '\0' && n < limit;
	     s = g_utf8_next_char(s)) {
		b = (unsigned char)*s;
		if (b < 0x80) {
			alpha = (unsigned char)((b | 0x20) - 'a') < 26;
			w = alpha || (unsigned char)(b - '0') < 10;
		} else {
			w = word_char(s, &alpha);
		}
		if (w)
			letter = letter || alpha;
		else if (in_word)
			n += letter;
		if (!w)
			letter = false;
		in_word = w;
	}
	return n + (in_word && letter);
}

/*
 * html.lua R_SUSPICIOUS_IMAGES: linked images (100 < width + height <
 * 3000, "a picture is worth (width + height) / 100 words") outweigh the
 * words of an HTML part; the score scales with how much.
 */
static void rule_suspicious_images(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i, k;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];
		double words, pic = 0, rel;

		if (!p->text || !p->html)
			continue;
		for (k = 0; k < p->n_html_imgs; k++) {
			const struct html_image *img = &p->html_imgs[k];
			double dim = (double)img->width + img->height;

			if (img->in_anchor && dim > 100 && dim < 3000)
				pic += dim / 100;
		}
		/* no picture: rel is 0; and past 2 * pic + 2 words rel is
		 * under 1/3, whatever the exact count */
		if (pic <= 0)
			continue;
		words = (double)count_words(p->content, (size_t)(2 * pic) + 2);
		rel = pic / (words + pic);
		if (rel > 0.5) {
			scan_insert_mult(c, "R_SUSPICIOUS_IMAGES", (rel - 0.5) * 2,
					 NULL);
			return;
		}
	}
}

/* html.lua R_EMPTY_IMAGE: an HTML part with under 50 bytes of text and a
 * large (width + height >= 400) image outside any link. */
static void rule_empty_image(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i, k;

	for (i = 0; i < m->n_parts; i++) {
		const struct msg_part *p = &m->parts[i];

		if (!p->text || !p->html ||
		    (p->content != NULL && strlen(p->content) >= 50))
			continue;
		for (k = 0; k < p->n_html_imgs; k++) {
			const struct html_image *img = &p->html_imgs[k];

			if (img->width + img->height >= 400 && !img->in_anchor) {
				scan_insert(c, "R_EMPTY_IMAGE", NULL);
				return;
			}
		}
	}
}

/* html.lua EXT_CSS: a <link> to a .css file. */
static void rule_ext_css(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_parts; i++) {
		if (m->parts[i].html && m->parts[i].html_external_css) {
			scan_insert(c, "EXT_CSS", NULL);
			return;
		}
	}
}

/* Levenshtein distance with insert/delete cost 1 and replace cost rc. */
static size_t levenshtein(const char *a, const char *b, size_t rc)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, d = 0;

	row = malloc((lb + 1) * sizeof(*row));
	if (row == NULL)
		return la + lb;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best;

			best = diag + (a[i - 1] == b[j - 1] ? 0 : rc);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

static bool all_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* The plugin's weight for an href domain tld shown as ptld. */
static double phish_weight(const char *tld, const char *ptld)
{
	const char *b = strrchr(tld, '.'), *b1 = strrchr(ptld, '.');
	char st[256], sp[256];
	double dist;
	size_t lt = strlen(tld), lp = strlen(ptld);

	if (b != NULL && b1 != NULL && strcmp(b, b1) == 0) {
		lt = (size_t)(b - tld);
		lp = (size_t)(b1 - ptld);
	}
	if (lt >= sizeof(st))
		lt = sizeof(st) - 1;
	if (lp >= sizeof(sp))
		lp = sizeof(sp) - 1;
	memcpy(st, tld, lt);
	st[lt] = '\0';
	memcpy(sp, ptld, lp);
	sp[lp] = '\0';
	if (lt + lp == 0)
		return 1.0;
	dist = 2.0 * (double)levenshtein(st, sp, 2) / (double)(lt + lp);
	if (dist > 0.3 && dist <= 1.0)
		return tanh(3 * (1 - dist + 0.1));
	if (dist > 1.0)
		return all_ascii(tld) != all_ascii(ptld) ? 1.0 : 0.5;
	return 1.0;
}

struct first_hit {
	const char *s;
	size_t len;
	bool found;
};

static int first_url_cb(void *ud, const char *s, size_t len, bool email)
{
	struct first_hit *h = ud;

	if (email)
		return 0;
	h->s = s;
	h->len = len;
	h->found = true;
	return -1;
}

/*
 * The registrable domain of the first URL in an anchor's visible text, as
 * a new string, or NULL when the text shows no URL.
 */
static char *shown_domain(const char *text)
{
	struct first_hit h = { 0 };
	struct msg_url u;
	char *ret = NULL;

	if (strlen(text) <= 4)
		return NULL;
	urls_scan_text(text, strlen(text), first_url_cb, &h);
	if (!h.found)
		return NULL;
	memset(&u, 0, sizeof(u));
	if (url_parse(h.s, h.len, &u) == 0 && u.host != NULL &&
	    u.host[0] != '\0') {
		ret = u.tld != NULL ? strdup(u.tld) : NULL;
	} else {
		url_release(&u);
		memset(&u, 0, sizeof(u));
		if (h.len < 1000) {
			char buf[1024];

			snprintf(buf, sizeof(buf), "http://%.*s", (int)h.len,
				 h.s);
			if (url_parse(buf, strlen(buf), &u) == 0 &&
			    u.tld != NULL)
				ret = strdup(u.tld);
		}
	}
	url_release(&u);
	return ret;
}

/* One domain a subdomain of (or equal to) the other. */
static bool same_site(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la == lb)
		return strcmp(a, b) == 0;
	if (la > lb)
		return a[la - lb - 1] == '.' && strcmp(a + la - lb, b) == 0;
	return b[lb - la - 1] == '.' && strcmp(b + lb - la, a) == 0;
}

static void check_phished(struct scan_ctx *c, const struct msg_url *u)
{
	char opt[600];
	char *ptld;
	double w;

	if (u->tld == NULL || u->tld[0] == '\0' ||
	    (u->scheme != NULL && strcmp(u->scheme, "mailto") == 0))
		return;
	ptld = shown_domain(u->display);
	if (ptld == NULL)
		return;
	if (ptld[0] == '\0' || same_site(ptld, u->tld))
		goto out;
	w = phish_weight(u->tld, ptld);
	if (is_redirector(u->tld) || is_redirector(u->host)) {
		snprintf(opt, sizeof(opt), "%s->%s", ptld,
			 is_redirector(u->tld) ? u->tld : u->host);
		scan_insert_mult(c, "REDIRECTOR_FALSE", w, opt, NULL);
		goto out;
	}
	snprintf(opt, sizeof(opt), "%s->%s", ptld, u->tld);
	scan_insert_mult(c, "PHISHING", w, opt, NULL);
out:
	free(ptld);
}

/* plugin phishing: anchors whose text shows another site than the href. */
static void rule_phishing(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	size_t i;

	for (i = 0; i < m->n_urls; i++)
		if (m->urls[i].source == MSG_URL_HTML &&
		    m->urls[i].display != NULL)
			check_phished(c, &m->urls[i]);
}

/* rspamd's line count of a text part: the line breaks before the
 * trailing white space. */
static size_t count_lines(const char *s)
{
	size_t n = 0, len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	while (len-- > 0)
		if (s[len] == '\n')
			n++;
	return n;
}

static void url_only_part(struct scan_ctx *c, const struct msg *m,
			  size_t idx, const char *ty)
{
	const struct msg_part *p = &m->parts[idx];
	size_t plen = p->content ? strlen(p->content) : 0, ulen = p->url_len;
	size_t i;
	double rel, sc;
	char buf[64];

	if (plen == 0 || ulen == 0)
		return;
	rel = (double)ulen / (double)plen;
	if (rel <= 0.8)
		return;
	sc = (rel - 0.8) * 5.0;
	if (sc > 1.0)
		sc = 1.0;
	snprintf(buf, sizeof(buf), "%.14g", sc);
	scan_insert_mult(c, "HFILTER_URL_ONLY", sc, buf, NULL);
	i = count_lines(p->content);
	if (i > 0 && i < 2) {
		snprintf(buf, sizeof(buf), "%s:%d:%zu", ty, (int)floor(rel), i);
		scan_insert(c, "HFILTER_URL_ONELINE", buf, NULL);
	}
}

/*
 * hfilter's part:get_urls_length() / get_length(): the URLs found in the
 * part's text (for HTML also the anchors' hrefs, which rspamd places at
 * the anchor text) against the text length; get_lines_count() is the
 * number of line breaks in the text (measured against rspamd 3.4).
 */
/* plugin hfilter, url_enabled: the last HTML (else plain) text part. */
static void rule_hfilter_url(struct scan_ctx *c)
{
	const struct msg *m = scan_msg(c);
	long html = -1, plain = -1;
	size_t i;

	for (i = 0; i < m->n_parts; i++) {
		if (!m->parts[i].text)
			continue;
		if (m->parts[i].html)
			html = (long)i;
		else
			plain = (long)i;
	}
	if (html >= 0)
		url_only_part(c, m, (size_t)html, "html");
	else if (plain >= 0)
		url_only_part(c, m, (size_t)plain, "plain");
}

static const rule_fn html_rules[] = {
	rule_html_only,
	rule_http_to_ip,
	rule_invisible,
	rule_suspicious_images,
	rule_empty_image,
	rule_ext_css,
	rule_phishing,
	rule_hfilter_url,
};

const struct rule_area rules_html = {
	.name = "html",
	.rules = html_rules,
	.n_rules = N_ELEMS(html_rules),
};
