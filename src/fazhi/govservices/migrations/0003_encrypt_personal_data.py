"""ID numbers and phone numbers encrypted at rest (issue 20, item 6): a digest column
beside each for exact lookups; existing rows are encrypted (backward: decrypted)."""

import fazhi.core.cryptofield
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("govservices", "0002_importable_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="agent_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="agent_id_number"),
        ),
        migrations.AddField(
            model_name="application",
            name="agent_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="agent_phone"),
        ),
        migrations.AddField(
            model_name="application",
            name="applicant_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_id_number"),
        ),
        migrations.AddField(
            model_name="application",
            name="applicant_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_phone"),
        ),
        migrations.AddField(
            model_name="creditrecord",
            name="subject_code_digest",
            field=fazhi.core.cryptofield.DigestField(source="subject_code"),
        ),
        migrations.AddField(
            model_name="packageapplication",
            name="applicant_code_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_code"),
        ),
        migrations.AlterField(
            model_name="application",
            name="agent_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="代理人身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="agent_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="代理人电话"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="applicant_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="applicant_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        migrations.AlterField(
            model_name="creditrecord",
            name="subject_code",
            field=fazhi.core.cryptofield.EncryptedCharField(
                max_length=18, verbose_name="证件号码或信用代码"
            ),
        ),
        migrations.AlterField(
            model_name="packageapplication",
            name="applicant_code",
            field=fazhi.core.cryptofield.EncryptedCharField(
                max_length=18, verbose_name="证件号码或信用代码"
            ),
        ),
        fazhi.core.cryptofield.encrypt_existing(
            {
                "govservices.Application": [
                    "applicant_id_number",
                    "applicant_phone",
                    "agent_id_number",
                    "agent_phone",
                ],
                "govservices.CreditRecord": ["subject_code"],
                "govservices.PackageApplication": ["applicant_code"],
            }
        ),
    ]
