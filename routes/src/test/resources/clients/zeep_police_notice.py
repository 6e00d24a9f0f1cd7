"""A police force's client as a Python shop would write one: zeep, reading the hub's served WSDL and XSD.

Usage: zeep_police_notice.py <wsdl url> <api key> <notice xml file> <notice id>
Builds the notice from the example file through zeep's own types (never sending the file as it is), submits it,
and prints the answer as JSON: {"receipt", "noticeId", "events"} or {"fault", "code"}.
"""
import json
import sys

import requests
from lxml import etree
from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.transports import Transport

wsdl, key, notice_file, notice_id = sys.argv[1:5]
session = requests.Session()
session.headers["Authorization"] = "Bearer " + key
client = Client(wsdl, transport=Transport(session=session), settings=Settings(strict=True))

# The example, read into zeep's types for the request element, then given back to zeep to send.
request_element = client.get_element("{urn:mash-hub:police:ppn:v1}SubmitPublicProtectionNotice")
document = etree.parse(notice_file).getroot()
document.find("{urn:mash-hub:police:ppn:v1}Notice/{urn:mash-hub:police:ppn:v1}NoticeId").text = notice_id
value = request_element.parse(document, client.wsdl.types)

try:
    answer = client.service.SubmitPublicProtectionNotice(Notice=value.Notice)
    print(json.dumps({"receipt": answer.Receipt, "noticeId": answer.NoticeId, "status": answer.Status,
                      "events": list(answer.EventId or [])}))
except Fault as fault:
    print(json.dumps({"fault": fault.message, "code": fault.code}))
