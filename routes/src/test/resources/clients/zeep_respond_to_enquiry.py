"""A police force answering the MASH's request for information with zeep, reading the hub's served WSDL and XSD.

Usage: zeep_respond_to_enquiry.py <wsdl url> <api key> <request id> <nothing known: true|false> [summary]
Prints the answer as JSON: {"requestId", "answeredAt", "late"} or {"fault", "code"}.
"""
import json
import sys

import requests
from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.transports import Transport

wsdl, key, request_id, nothing_known = sys.argv[1:5]
summary = sys.argv[5] if len(sys.argv) > 5 else None
session = requests.Session()
session.headers["Authorization"] = "Bearer " + key
client = Client(wsdl, transport=Transport(session=session), settings=Settings(strict=True))

try:
    answer = client.service.RespondToEnquiry(RequestId=request_id, NothingKnown=nothing_known == "true", Summary=summary)
    print(json.dumps({"requestId": answer.RequestId, "answeredAt": answer.AnsweredAt.isoformat(), "late": answer.Late}))
except Fault as fault:
    print(json.dumps({"fault": fault.message, "code": fault.code}))
