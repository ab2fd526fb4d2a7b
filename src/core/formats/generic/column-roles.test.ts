import { describe, expect, it } from 'vitest';
import { columnShape, guessColumnRoles, looksLikeHeader } from './column-roles';
import { headerKey } from './header-names';

const roles = (header: string, rows: string[] = [], delimiter = ',') =>
  guessColumnRoles(
    header.split(delimiter),
    rows.map((r) => r.split(delimiter)),
  ).roles;

describe('guessColumnRoles: header names of real exports (exact role → column index)', () => {
  it('DIDWW call log export', () => {
    const header =
      'Date/Time Start (UTC),Date/Time Connect (UTC),Date/Time End (UTC),Source,DID,Destination,Duration (secs),Disconnect Initiator,Disconnect Code (SIP),Disconnect Response,Termination Amount (USD)';
    // DID loses `destination` to Destination; Disconnect Initiator and the amount are no role.
    expect(roles(header)).toEqual({ start: 0, answer: 1, end: 2, callerId: 3, destination: 5, duration: 6, sipCode: 8, reason: 9 });
  });

  it('Invade outbound CDR: CLI beats Source for the caller ID; Country/Network Name are not trunks', () => {
    const header =
      'Time Start (UTC),Source,CLI,Destination,Duration (secs),Disconnect Code,Disconnect Reason,Rate ($USD per minute),Charged (USD),CDR Type,Country Name,Network Name,Trunk Name';
    expect(roles(header)).toEqual({ start: 0, callerId: 2, destination: 3, duration: 4, sipCode: 5, reason: 6, trunk: 12 });
  });

  it('Sinch voice CDR (`;`): UserSpaceId, UserId and ToCountryId are not call ids', () => {
    const header = 'CallId;UserSpaceId;CallTime;Result;Reason;Duration;AnswerTime;From;To;Amount;Currency;Custom;ApplicationKey;UserId;ToCountryId';
    expect(roles(header, [], ';')).toEqual({
      callId: 0, start: 2, disposition: 3, reason: 4, duration: 5, answer: 6, callerId: 7, destination: 8,
    });
  });

  it('Twilio call log: start_time beats date_created; account_sid and parent_call_sid are not the call id', () => {
    const header = 'sid,account_sid,parent_call_sid,date_created,start_time,end_time,status,direction,from,to,to_formatted,duration,price,answered_by';
    expect(roles(header)).toEqual({ callId: 0, start: 4, end: 5, disposition: 6, direction: 7, callerId: 8, destination: 9, duration: 11 });
  });

  it('FreeSWITCH custom template with a header', () => {
    const header =
      'uuid,bleg_uuid,caller_id_name,caller_id_number,destination_number,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,sip_term_status,sip_invite_failure_status,sip_hangup_phrase,sip_gateway_name';
    expect(roles(header)).toEqual({
      callId: 0, callerId: 3, destination: 4, start: 5, answer: 6, end: 7, duration: 8, talk: 9, cause: 10, sipCode: 11, reason: 13, trunk: 14,
    });
  });

  it('Asterisk adaptive_odbc export with hangupcause (no underscore) and trunk', () => {
    const header = 'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,trunk,hangupcause';
    expect(roles(header)).toEqual({
      start: 0, callerId: 2, destination: 3, duration: 9, talk: 10, disposition: 11, callId: 14, trunk: 16, cause: 17,
    });
  });

  it('generic names: date, carrier, response code, q850, ani, dnis, billsec', () => {
    expect(roles('date,carrier,response code,q850,ani,dnis,billsec')).toEqual({
      start: 0, trunk: 1, sipCode: 2, cause: 3, callerId: 4, destination: 5, talk: 6,
    });
    expect(roles('Timestamp,Gateway,SIP Code,Cause,Calling,Called,Talk Time')).toEqual({
      start: 0, trunk: 1, sipCode: 2, cause: 3, callerId: 4, destination: 5, talk: 6,
    });
    expect(roles('timestamp,route,status code,reason,from,to')).toEqual({ start: 0, trunk: 1, sipCode: 2, reason: 3, callerId: 4, destination: 5 });
    expect(roles('Start Time,Provider,Result,Destination')).toEqual({ start: 0, trunk: 1, disposition: 2, destination: 3 });
  });

  it('VICIdial carrier log report header (as a generic reader would see it)', () => {
    const header =
      'UNIQUE ID,CALL DATE,SERVER IP,LEAD ID,HANGUP CAUSE,DIAL STATUS,CHANNEL,DIAL TIME,ANSWERED TIME,SIP CODE,SIP HANGUP REASON,PHONE NUMBER';
    const row = '1700000000.12345,2024-05-01 10:00:01,10.0.0.5,12345,34,CONGESTION,Local/913125551212@default-0000abcd;2,1,0,503,Service Unavailable,3125551212';
    // ANSWERED TIME holds seconds, so it is talk time, not an answer timestamp.
    expect(roles(header, [row])).toEqual({
      callId: 0, start: 1, cause: 4, disposition: 5, talk: 8, sipCode: 9, reason: 10, destination: 11,
    });
  });

  it('FreePBX CDR Reports header', () => {
    const header = 'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield';
    expect(roles(header)).toEqual({ start: 0, callerId: 2, destination: 3, duration: 9, talk: 10, disposition: 11, callId: 14 });
  });

  it('Kamailio acc with dSIPRouter extras: callid beats id and cdr_id; dst_gwgroupid is the trunk', () => {
    const header =
      'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_ip,dst_ouser,dst_user,dst_domain,src_user,src_domain,cdr_id,calltype,src_gwgroupid,dst_gwgroupid';
    expect(roles(header)).toEqual({ callId: 4, sipCode: 5, reason: 6, start: 7, destination: 9, callerId: 12, direction: 15, trunk: 17 });
  });

  it('Yeastar P-Series CDR export: Destination Trunk, Communication Type, Outbound Caller ID over Call From', () => {
    // Header as help.yeastar.com "Call Detail Record (CDR) Overview" lists it. Source Trunk (9) and
    // Destination Trunk (10) both say "trunk": the outbound side is shown as the trunk (the parser
    // reads both, provider-sides.ts); Call From (2) is the extension, Outbound Caller ID (13) what
    // the carrier sees; Ring Duration, DID/DDI, Caller IP Address, PIN Code get no role.
    const header =
      'ID,Time,Call From,Call To,Call Duration,Ring Duration,Talk Duration,Status,Reason,Source Trunk,Destination Trunk,Communication Type,DID/DDI,Outbound Caller ID,Caller IP Address,PIN Code,Recording File';
    expect(roles(header)).toEqual({ callId: 0, start: 1, destination: 3, duration: 4, talk: 6, disposition: 7, reason: 8, trunk: 10, direction: 11, callerId: 13 });
  });

  it('is case, space and punctuation insensitive', () => {
    expect(headerKey('Date/Time Start (UTC)')).toBe('datetimestart');
    expect(headerKey('  DISCONNECT_CODE (sip) ')).toBe('disconnectcodesip');
    expect(headerKey('CallTime')).toBe('calltime');
    expect(headerKey('SIPCode')).toBe('sipcode');
    expect(roles('START-TIME,TRUNK NAME,Sip.Code')).toEqual({ start: 0, trunk: 1, sipCode: 2 });
    expect(roles('\uFEFFcall_date,Carrier,HangupCause')).toEqual({ start: 0, trunk: 1, cause: 2 });
  });
});

describe('guessColumnRoles: value shapes settle ambiguous names', () => {
  const header = 'time,carrier,status';
  it('a status column of 3-digit codes 100–699 is the SIP code', () => {
    expect(roles(header, ['2024-01-01 00:00:00,a,503', '2024-01-01 00:00:01,a,200', '2024-01-01 00:00:02,a,603'])).toEqual({
      start: 0, trunk: 1, sipCode: 2,
    });
  });
  it('a status column of ANSWERED/BUSY/FAILED words is a disposition', () => {
    expect(roles(header, ['2024-01-01 00:00:00,a,ANSWERED', '2024-01-01 00:00:01,a,BUSY', '2024-01-01 00:00:02,a,NO ANSWER'])).toEqual({
      start: 0, trunk: 1, disposition: 2,
    });
  });
  it('a status column of NORMAL_CLEARING-like names is a cause', () => {
    expect(roles(header, ['2024-01-01 00:00:00,a,NORMAL_CLEARING', '2024-01-01 00:00:01,a,CALL_REJECTED'])).toEqual({
      start: 0, trunk: 1, cause: 2,
    });
  });
  it('a code column of small numbers is a Q.850 cause; VICIdial 0 = "no code" does not decide', () => {
    expect(roles('date,code', ['2024-01-01 00:00:00,16', '2024-01-01 00:00:01,34'])).toEqual({ start: 0, cause: 1 });
    expect(roles('date,sip code', ['2024-01-01 00:00:00,0', '2024-01-01 00:00:01,503'])).toEqual({ start: 0, sipCode: 1 });
  });
  it('a column named like a time but holding seconds is not a timestamp; epoch seconds and milliseconds are', () => {
    expect(roles('time,answered time,sip code', ['2024-01-01 00:00:00,12,200'])).toEqual({ start: 0, talk: 1, sipCode: 2 });
    expect(roles('time,sip_code', ['1706368044,503'])).toEqual({ start: 0, sipCode: 1 });
    expect(roles('time,sip_code', ['1706368044123,503'])).toEqual({ start: 0, sipCode: 1 });
    expect(roles('time,sip_code', ['42,503'])).toEqual({ sipCode: 1 });
  });
  it('3-digit durations stay durations', () => {
    expect(roles('date,duration,sip code', ['2024-01-01 00:00:00,120,200', '2024-01-01 00:00:00,450,200'])).toEqual({
      start: 0, duration: 1, sipCode: 2,
    });
  });
  it('prefers the column whose values are times when two names could be the start', () => {
    expect(roles('date,timestamp,status', ['monday,2024-01-01 00:00:00,503'])).toEqual({ start: 1, sipCode: 2 });
  });
  it('a repeated header line in the sample is not a value; one bad date does not lose the start column', () => {
    expect(roles('start_time,sip_code', ['start_time,sip_code', 'not-a-date,503', '2024-01-01 00:00:00,503'])).toEqual({ start: 0, sipCode: 1 });
  });
  it('columnShape reads VICIdial, Twilio and FreeSWITCH values', () => {
    expect(columnShape(0, [['completed'], ['busy'], ['no-answer'], ['failed'], ['canceled']])).toBe('disposition');
    expect(columnShape(0, [['USER_BUSY'], ['NORMAL_TEMPORARY_FAILURE']])).toBe('cause');
    expect(columnShape(0, [['Tue, 01 Oct 2024 12:00:00 +0000']])).toBe('time');
    expect(columnShape(0, [['00:01:30'], ['0']])).toBe('seconds');
    expect(columnShape(0, [['NULL'], ['']])).toBe('none');
  });
});

describe('looksLikeHeader', () => {
  it('accepts header rows', () => {
    expect(looksLikeHeader(['Date/Time Start (UTC)', 'Source', 'Disconnect Code (SIP)'])).toBe(true);
    expect(looksLikeHeader(['\uFEFFcalldate', 'clid', 'src', 'dst'])).toBe(true);
  });
  it('refuses data rows and single cells', () => {
    // Asterisk Master.csv (headerless) and FreeSWITCH example-template first rows.
    expect(
      looksLikeHeader(['', '', '12489398620', 'LocalSets', '" <>', 'Local/12489398620@LocalSets-00000003;2', 'SIP/sipus1-00000016', 'Dial', 'SIP/12489398620@sipus1', '2016-09-16 15:47:26', '', '2016-09-16 15:47:26', '0', '0', 'BUSY', 'DOCUMENTATION', '1474040846.44', '']),
    ).toBe(false);
    expect(
      looksLikeHeader(['Extension 1000', '1000', '1001', 'default', '2020-01-31 10:00:00', '2020-01-31 10:00:02', '2020-01-31 10:00:30', '30', '28', 'NORMAL_CLEARING', 'a1b2', '', '1000', 'PCMU', 'PCMU']),
    ).toBe(false);
    expect(looksLikeHeader(['-- MySQL dump 10.13'])).toBe(false);
    expect(looksLikeHeader(['a', 'a', 'a', 'b'])).toBe(false);
  });
});
